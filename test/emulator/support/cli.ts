// Test helpers: the real `customer-graph` command as a child process (through tsx, so no build is needed).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');

/** A spawned `customer-graph` process with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `customer-graph ARGS…` from the sources. */
export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until `predicate` holds for the output, or the process exits, or the time runs out. */
export async function waitFor(cli: CliProcess, predicate: (stdout: string) => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  let exited = false;
  void cli.exited.then(() => (exited = true));
  while (!predicate(cli.stdout())) {
    if (exited) throw new Error(`customer-graph exited early.\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out.\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts `customer-graph serve ARGS…` and waits for its URL. */
export async function startServe(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliProcess & { url: string }> {
  const cli = spawnCli(['serve', ...args], env);
  await waitFor(cli, (out) => /listening on http:\/\/\S+/.test(out));
  const url = /listening on (http:\/\/\S+)/.exec(cli.stdout())?.[1] ?? '';
  return Object.assign(cli, { url });
}

/** Stops a process with a signal and waits for it to exit. */
export async function stop(cli: CliProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
  return cli.exited;
}
