// The floor of the emulator load benchmark: a bare fastify server answering the benchmark's two routes with
// fixed bodies (no authentication, no rules, no state), started by bench/emulator-load.ts (--modes bare).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const LOOKUP = '{"entity":1,"warnings":[]}';
const CREATED = '{"createdId":1,"warnings":[]}';
app.get('/v2/customers/lookup', (_request, reply) => reply.type('application/json').send(LOOKUP));
app.post('/v2/customers', (_request, reply) => reply.type('application/json').send(CREATED));
app.get('/_emulator/org', (_request, reply) => reply.send({ customers: 0 }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
