// `npm start`: runs the built command (dist/cli.js), building it first only when it is missing or older
// than the sources, so that a fresh clone's `npm install && npm start` works and a later start does not
// compile anything.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli.cjs');

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, name)));
  return newest;
}

function builtAt() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return -1;
  }
}

const sources = Math.max(newestIn(join(root, 'src')), newestIn(join(root, 'tsup.config.ts')), newestIn(join(root, 'package-lock.json')));
if (builtAt() < sources) {
  process.stderr.write('customer-graph: building dist/ (the sources changed since the last build)...\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// npm runs this script through `sh -c`, and SIGTERM to npm reaches npm and the shell but not this process:
// the shell died and left the server running, orphaned (issue 13). So the server watches its parent: once
// it is gone (this process re-parented), it stops itself with SIGTERM, the same clean stop as a signal.
// A watch rather than `exec` in the npm script, because it also covers npm killed with SIGKILL and
// shells without `exec` (cmd.exe); the timer is unref'd so that it never keeps the process alive.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  // Once only: a second SIGTERM would end the process at once instead of cleanly (src/cli.ts).
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 200);
watch.unref();
await import(pathToFileURL(built).href);
