#!/usr/bin/env node
// The `customer-graph` command as installed: loads the one-file bundle of the command (dist/cli-bundle.cjs)
// through V8's code cache, so that a start after the first does not parse and compile 2.5 MB of JavaScript
// again (about a third of the time to the first answer, docs/performance.md "Start-up"). The cache lives
// in the user's own cache directory, is keyed by the bundle's size and time, and is only an optimisation:
// any failure to read or write it falls back to a plain load. CUSTOMER_GRAPH_CODE_CACHE=0 turns it off.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'cli-bundle.cjs');

function cacheFile(): string | undefined {
  if (process.env['CUSTOMER_GRAPH_CODE_CACHE'] === '0') return undefined;
  try {
    const { size, mtimeMs } = statSync(bundle);
    const base = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
    return join(base, 'customer-graph', `cli-${process.version}-${size}-${Math.trunc(mtimeMs)}.v8cache`);
  } catch {
    return undefined;
  }
}

function run(): void {
  const cache = cacheFile();
  if (cache === undefined) {
    createRequire(bundle)(bundle);
    return;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const script = new Script(Module.wrap(source), { filename: bundle, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // Written once the command has run a while (or at exit), so that the functions compiled by then, those
    // of the first requests, are in it too.
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      try {
        mkdirSync(join(cache, '..'), { recursive: true });
        writeFileSync(cache, script.createCachedData());
      } catch {
        // No cache this time.
      }
    };
    setTimeout(write, 1000).unref();
    process.once('exit', write);
  }
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const req = createRequire(bundle);
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, __dirname);
}

run();
