#!/usr/bin/env node
// The `customer-graph` command: `serve` and `replay` (see src/emulator/cli.ts). All I/O of the project lives
// in src/emulator/ and here.
import { main } from './emulator/cli/main';

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      // A second signal while stopping ends the process at once.
      const force = () => process.exit(130);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

void main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
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
