// The two threads of bench/stalls.ts besides the attackers: the server, and the probe, each on an event
// loop of its own, so that the probe measures the server's stalls and not the attackers' own client work.
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_ORG_CONFIG } from '../src/index';
import { startServer } from '../src/emulator';

type Role = { readonly role: 'server'; readonly dataDir: string } | { readonly role: 'probe'; readonly url: string; readonly authorization: string };

const data = workerData as Role;
const port = parentPort;
if (port === null) throw new Error('bench/stalls-worker.ts runs as a worker of bench/stalls.ts');

if (data.role === 'server') {
  const server = await startServer({
    orgs: [
      DEFAULT_ORG_CONFIG,
      { ...DEFAULT_ORG_CONFIG, id: 'quiet', tills: [{ code: 'quiet.till', password: 'quiet' }] },
      { ...DEFAULT_ORG_CONFIG, id: 'scratch', tills: [{ code: 'scratch.till', password: 'scratch' }] },
    ],
    dataDir: data.dataDir,
  });
  port.postMessage({ url: server.url });
  port.on('message', () => {
    void server.close().then(() => port.postMessage({ closed: true }));
  });
} else {
  // Probes for the milliseconds each message asks, one request after another; answers the waits.
  const { url, authorization } = data;
  port.on('message', (ms: number) => {
    void (async () => {
      const waits: number[] = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { authorization } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`probe answered ${res.status}`);
        waits.push(performance.now() - t0);
      }
      port.postMessage(waits);
    })();
  });
}
