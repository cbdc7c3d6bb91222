// The command line (EMU-12, EMU-15): `customer-graph replay` and `customer-graph serve`, run as the real
// command in a child process.
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayScenario, type ReplayedLine } from '../../src/emulator';
import { main } from '../../src/emulator/cli/main';
import { ROOT, spawnCli, startServe, stop, waitFor } from './support/cli';
import { call, registerBody } from './support/http';

const SCENARIO = join(ROOT, 'test/fixtures/scenario.jsonl');
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('EMU-12: customer-graph replay FILE.jsonl applies each request line to a fresh org and prints one response line each', () => {
  it('EMU-12 REG-6 CHG-4 MRG-5: the fixture scenario prints the documented answers, one JSON line per request', async () => {
    const cli = spawnCli(['replay', SCENARIO]);
    const end = await cli.exited;
    expect(end.code, cli.stderr()).toBe(0);
    const lines = cli.stdout().trim().split('\n').map((l) => JSON.parse(l) as ReplayedLine);
    expect(lines.map((l) => [l.line, l.method, l.status])).toEqual([
      [2, 'POST', 200],
      [3, 'POST', 200],
      [4, 'POST', 200],
      [5, 'POST', 200],
      [6, 'GET', 200],
      [7, 'GET', 409],
      [10, 'POST', 409],
      [11, 'GET', 401],
      [12, 'GET', 200],
      [13, 'GET', 200],
    ]);
    expect(lines[0]).toMatchObject({ path: '/v2/customers?source=INSTORE', body: { createdId: 1, warnings: [], sideEffects: [] } });
    expect(lines[1]?.body).toMatchObject({ createdId: 1, warnings: [{ code: 8050 }] });
    expect(lines[3]?.body).toMatchObject({ success: true, warnings: [{ code: 8051 }] });
    expect(lines[4]?.body).toEqual({ entity: 1, warnings: [] });
    expect(lines[5]?.body).toMatchObject({ errors: [{ code: 8069 }] });
    expect(lines[6]?.body).toMatchObject({ errors: [{ code: 1014 }] });
    expect(lines[8]?.body).toMatchObject({ pagination: { limit: 5, total: 1 } });
    // The clock is deterministic: the first request at 2024-01-01T00:00:00Z, one second per request.
    expect(lines[9]?.body).toMatchObject({ profiles: [{ attribution: { createDate: '2024-01-01T00:00:00Z', createdBy: { code: 'demo.till' } } }] });
  });

  it('EMU-12: the same scenario always prints the same answers', async () => {
    const text = readFileSync(SCENARIO, 'utf8');
    expect(await replayScenario(text)).toEqual(await replayScenario(text));
    expect(JSON.stringify(await replayScenario(text, { at: '2030-01-01T00:00:00Z' }))).toContain('2030-01-01T00:00:0');
  });

  it('EMU-12: a line that is not a request is reported with its line number, and the exit status is 1', async () => {
    const lines = await replayScenario('{"method":"GET","path":"/v2/customers/search?q=a"}\nnot json\n{"method":"FETCH","path":"/x"}\n{"path":"relative"}\n');
    expect(lines.map((l) => [l.line, l.status ?? l.error?.replace(/[ :(].*$/s, '')])).toEqual([
      [1, 200],
      [2, 'not'],
      [3, 'method'],
      [4, 'method'],
    ]);
    expect(lines[1]?.error).toMatch(/^not JSON/);
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-replay-'));
    dirs.push(dir);
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, 'nope\n');
    const cli = spawnCli(['replay', file]);
    expect((await cli.exited).code).toBe(1);
    expect(JSON.parse(cli.stdout())).toMatchObject({ line: 1, error: expect.stringMatching(/^not JSON/) });
  });

  it('EMU-12: --org gives the scenario another org', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-org-'));
    dirs.push(dir);
    const org = join(dir, 'org.json');
    writeFileSync(org, JSON.stringify({ id: 'acme', firstCustomerId: 500, tills: [{ code: 'acme.till', password: 'pw' }] }));
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, body: registerBody([{ type: 'email', value: 'a@example.com' }]) })}\n`);
    const cli = spawnCli(['replay', file, '--org', org]);
    expect((await cli.exited).code, cli.stderr()).toBe(0);
    expect(JSON.parse(cli.stdout())).toMatchObject({ status: 200, body: { createdId: 500 } });
  });
});

describe('EMU-15: customer-graph serve', () => {
  it('EMU-15: prints the URL and the default credentials, logs one line per request, and stops cleanly on SIGTERM', async () => {
    const server = await startServe(['--port', '0']);
    expect(server.stdout()).toContain('org default: till demo.till, password demo');
    expect(server.stdout()).toMatch(/admin \(run-time orgs, \/_emulator\/orgs\): admin, password [0-9a-f]{24}\n/);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await call(server.url, 'GET', '/v2/customers/search?q=tom');
    await call(server.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'log@example.com' }]) });
    await call(server.url, 'GET', '/v2/customers/1?source=ALL', { auth: null });
    await waitFor(server, (out) => out.includes(' 401 '));
    const requestLines = server.stdout().split('\n').filter((l) => / (GET|POST|PUT) \//.test(l));
    expect(requestLines).toHaveLength(3);
    expect(requestLines[0]).toMatch(/GET \/v2\/customers\/search\?q=tom 200 [\d.]+ms default\/demo\.till$/);
    expect(requestLines[2]).toMatch(/GET \/v2\/customers\/1\?source=ALL 401 [\d.]+ms -$/);
    expect(await stop(server, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toMatch(/SIGTERM: stopping\nstopped\n$/);
  });

  it('EMU-15: stops cleanly and promptly on SIGINT, finishing the requests under way', async () => {
    const server = await startServe(['--port', '0', '--quiet']);
    const pending = Array.from({ length: 20 }, (_, i) =>
      call(server.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: `int${i}@example.com` }]) }).then(
        (r) => r.status,
        () => 'refused',
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    const began = Date.now();
    expect(await stop(server, 'SIGINT')).toEqual({ code: 0, signal: null });
    // The answers under way close their keep-alive connections: the stop does not wait out the 72 s timeout.
    expect(Date.now() - began).toBeLessThan(15_000);
    for (const status of await Promise.all(pending)) expect([200, 503, 'refused']).toContain(status);
    expect(server.stdout()).toContain('stopped');
  });

  it('EMU-15: PORT, --host and --org choose where and what it serves; the banner names every till of every org', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-serve-'));
    dirs.push(dir);
    const orgs = join(dir, 'orgs.json');
    writeFileSync(
      orgs,
      JSON.stringify([
        { id: 'north', tills: [{ code: 'north.till', password: 'n' }] },
        { id: 'south', tills: [{ code: 'south.till', password: 's' }, { code: 'south.back', password: 'b' }] },
      ]),
    );
    const port = await freePort();
    const server = await startServe(['--host', '127.0.0.1', '--org', orgs, '--quiet'], { PORT: String(port) });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
      expect(server.stdout()).toContain('org north: till north.till, password n');
      expect(server.stdout()).toContain('org south: till south.till, password s');
      // Every till of every org, not only the first.
      expect(server.stdout()).toContain('org south: till south.back, password b');
      expect((await call(server.url, 'GET', '/v2/customers/search?q=a')).status).toBe(401);
      const north = `Basic ${Buffer.from('north.till:n').toString('base64')}`;
      expect((await call(server.url, 'GET', '/v2/customers/search?q=a', { auth: north })).status).toBe(200);
    } finally {
      await stop(server);
    }
  });

  it('EMU-15: --help on each command; bad usage and bad org files are messages with exit status 2, never a stack', async () => {
    const spawned = spawnCli(['serve', '--help']);
    expect((await spawned.exited).code).toBe(0);
    expect(spawned.stdout()).toMatch(/^Usage: customer-graph serve/);
    const run = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(args, {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        env: {},
        stopSignal: () => new Promise(() => undefined),
      });
      return { code, out, err };
    };
    for (const args of [['--help'], ['help'], [], ['serve', '-h'], ['replay', '--help'], ['help', 'replay']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage/);
    }
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-bad-'));
    dirs.push(dir);
    const badOrg = join(dir, 'bad.json');
    writeFileSync(badOrg, JSON.stringify({ id: 'x', tills: [] }));
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{');
    for (const args of [
      ['serve', '--port', 'eighty'],
      ['serve', '--port', '70000'],
      ['serve', '--bogus'],
      ['serve', '--snapshot-after', '4096'],
      ['serve', '--data', dir, '--snapshot-after', 'lots'],
      ['replay'],
      ['replay', 'a', 'b'],
      ['replay', join(dir, 'missing.jsonl')],
      ['replay', SCENARIO, '--at', 'yesterday'],
      ['frobnicate'],
      ['serve', '--org', join(dir, 'missing.json')],
      ['serve', '--org', notJson],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^customer-graph: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const invalid = await run(['serve', '--org', badOrg]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toBe(`customer-graph: org file ${badOrg}: org x: tills: Too small: expected array to have >=1 items (see customer-graph serve --help)\n`);
  });

  it('EMU-15: every error is one line on stderr with exit status 2, in the command\'s words', async () => {
    const run = async (args: string[]) => {
      let err = '';
      const code = await main(args, { stdout: () => undefined, stderr: (t) => (err += t), env: {}, stopSignal: () => new Promise(() => undefined) });
      return { code, err };
    };
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-errors-'));
    dirs.push(dir);
    const badArray = join(dir, 'orgs.json');
    writeFileSync(badArray, JSON.stringify([{ id: 'ok', tills: [{ code: 't', password: 'p' }] }, { id: 'y', tills: [{ code: 't' }] }]));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '[]');
    const missing = join(dir, 'missing.jsonl');
    const cases: [string[], RegExp][] = [
      [['serv'], /^unknown command serv; did you mean serve\?$/],
      [['replya'], /^unknown command replya; did you mean replay\?$/],
      [['vresion'], /^unknown command vresion; did you mean version\?$/],
      [['frobnicate'], /^unknown command frobnicate; commands: serve, replay, help, version$/],
      [['serve', '--bogus'], /^unknown option '--bogus' \(see customer-graph serve --help\)$/],
      [['serve', '--port', 'eighty'], /^not a port: eighty /],
      [['replay', missing], new RegExp(`^cannot read scenario file ${missing}: no such file `)],
      [['serve', '--org', badArray], new RegExp(`^org file ${badArray}: org y \\(entry 2\\): tills\\.0\\.password: `)],
      [['serve', '--org', empty], /holds an empty array/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n'), args.join(' ')).toHaveLength(2);
      expect(r.err.replace(/^customer-graph: /, '').trimEnd(), args.join(' ')).toMatch(message);
    }
  });

  it('EMU-15: --version, -v and version print the package version', async () => {
    const { VERSION } = await import('../../src/emulator/version');
    for (const flag of ['--version', '-v', 'version']) {
      let out = '';
      const code = await main([flag], { stdout: (t) => (out += t), stderr: () => undefined, env: {}, stopSignal: () => new Promise(() => undefined) });
      expect(code, flag).toBe(0);
      expect(out).toBe(`${VERSION}\n`);
    }
  });
});
