#!/usr/bin/env node
// The registry this project installs from serves only the Linux builds of rollup's native packages, so
// npm cannot record the others in package-lock.json, and `npm ci` then refuses the lock as "out of sync"
// because rollup still names them as optional dependencies. This drops, from each locked package's
// optionalDependencies, the names the lock itself has no entry for: exactly the packages that could not
// be installed here anyway. It changes nothing when every optional dependency is locked.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let dropped = 0;
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (entry.optionalDependencies === undefined) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const nested = path === '' ? `node_modules/${name}` : `${path}/node_modules/${name}`;
    if (lock.packages[nested] === undefined && lock.packages[`node_modules/${name}`] === undefined) {
      delete entry.optionalDependencies[name];
      dropped++;
    }
  }
}
if (dropped > 0) {
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`trim-lock: dropped ${dropped} optional dependencies the registry does not serve`);
}
