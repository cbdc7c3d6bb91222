#!/usr/bin/env node
// The `customer-graph` command: `serve` and `replay` (see src/emulator/cli.ts). All I/O of the project lives
// in src/emulator/ and here.
import { main } from './emulator/cli/main';

/** Set while `serve` waits for a signal: a closed stdout then stops it the same clean way. */
let stopNow: ((reason: string) => void) | undefined;
let stdoutClosed = false;

// The reader of stdout went away (`customer-graph replay FILE | head -3`): like any Unix tool, end quietly
// with status 0 instead of Node's unhandled-'error' stack. A server first closes cleanly (logs flushed).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
  if (stopNow !== undefined) stopNow('EPIPE');
  else process.exit(0);
});

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      // A second signal while stopping ends the process at once.
      const force = () => process.exit(130);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      stopNow = undefined;
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    stopNow = stop;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

void main(process.argv.slice(2), {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin,
  stopSignal,
}).then((code) => {
  process.exitCode = code;
  // Stop listening for signals, so nothing keeps the process alive.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
});
