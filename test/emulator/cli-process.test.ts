// The built command as an operator runs it (EMU-15): piped into a reader that closes early, and under
// `npm start` stopped by a signal sent to npm.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';

function newest(dir: string): number {
  return Math.max(...readdirSync(dir).map((n) => (statSync(join(dir, n)).isDirectory() ? newest(join(dir, n)) : statSync(join(dir, n)).mtimeMs)));
}
const cli = join(ROOT, 'dist/cli.cjs');
// Both need the build: a stale one would make `npm start` build first (tens of seconds), so they skip then.
const fresh = existsSync(cli) && existsSync(join(ROOT, 'dist/cli-bundle.cjs')) && newest(join(ROOT, 'src')) <= statSync(cli).mtimeMs;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!fresh)('EMU-15: the built command under pipes and npm', () => {
  it('EMU-15: replay FILE | head -3 ends quietly with status 0 when the reader closes early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-epipe-'));
    dirs.push(dir);
    const file = join(dir, 'many.jsonl');
    // Far more output than a pipe buffers, so that writes go on after the reader has gone.
    writeFileSync(file, '{"method":"GET","path":"/v2/customers/search?q=a"}\n'.repeat(3000));
    const child = spawn('sh', ['-c', `"${process.execPath}" "${cli}" replay "${file}"; echo "status $?" >&2`, ''], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    let lines = 0;
    child.stdout.on('data', (c: Buffer) => {
      lines += c.toString('utf8').split('\n').length - 1;
      if (lines >= 3) child.stdout.destroy();
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(lines).toBeGreaterThanOrEqual(3);
    expect(err).toBe('status 0\n');
  });

  it('EMU-15: SIGTERM sent to npm start stops the server, which does not outlive npm and its shell', async () => {
    const npm = spawn('npm', ['start', '--', '--port', '0', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const deadline = Date.now() + 20_000;
    while (!/listening on http:\/\/\S+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    expect((await fetch(`${url}/v2/customers/search?q=a`)).status).toBe(401);
    npm.kill('SIGTERM');
    await new Promise((resolve) => npm.on('exit', resolve));
    let answers = true;
    for (let i = 0; i < 50 && answers; i++) {
      await new Promise((r) => setTimeout(r, 100));
      answers = await fetch(`${url}/v2/customers/search?q=a`).then(
        () => true,
        () => false,
      );
    }
    expect(answers).toBe(false);
  }, 30_000);
});
