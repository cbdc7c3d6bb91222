// The emulator in the published package (EMU-17), and its place in the architecture (EMU-18): all I/O and
// the only clock live in src/emulator/ and src/cli.ts, which reach the library through its public API.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const built = ['dist/emulator.js', 'dist/emulator.cjs', 'dist/cli.js'].every((f) => existsSync(join(ROOT, f)));

describe('EMU-17: the published package serves the emulator', () => {
  it('EMU-17: customer-graph/emulator is an ESM and CJS subpath with types; the customer-graph command is a built file', () => {
    expect(pkg.exports['./emulator']).toEqual({
      import: { types: './dist/emulator.d.ts', default: './dist/emulator.js' },
      require: { types: './dist/emulator.d.cts', default: './dist/emulator.cjs' },
    });
    expect(pkg.bin).toEqual({ 'customer-graph': './dist/cli.js' });
    expect(readFileSync(join(ROOT, 'src/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(pkg.engines).toEqual({ node: '>=20' });
    expect(pkg.dependencies['fastify']).toBeDefined();
  });

  it('EMU-17 EMU-15: npm start serves from the sources right after npm install (tsx is a devDependency), no build needed', () => {
    expect(pkg.scripts['start']).toBe('tsx src/cli.ts serve');
    expect(pkg.devDependencies['tsx']).toBeDefined();
  });

  it.skipIf(!built)('EMU-17: the built files work for plain Node: import, require and the command', () => {
    const script = `const e = await m.startServer({ port: 0 });
      const r = await fetch(e.url + '/v2/customers/search?q=a', { headers: { authorization: 'Basic ZGVtby50aWxsOmRlbW8=' } });
      console.log(r.status); await e.close();`;
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from './dist/emulator.js'; ${script}`], { cwd: ROOT, encoding: 'utf8' });
    expect(esm.trim()).toBe('200');
    const cjs = execFileSync(process.execPath, ['-e', `const m = require('./dist/emulator.cjs'); (async () => { ${script} })()`], { cwd: ROOT, encoding: 'utf8' });
    expect(cjs.trim()).toBe('200');
    expect(execFileSync(process.execPath, ['dist/cli.js', 'replay', '--help'], { cwd: ROOT, encoding: 'utf8' })).toMatch(/^Usage: customer-graph replay/);
  });
});

describe('EMU-18: the core stays pure; the emulator uses only the public library API', () => {
  const src = join(ROOT, 'src');
  const emulatorFiles = [...files(join(src, 'emulator')), join(src, 'cli.ts'), join(src, 'emulator.ts')];
  const coreFiles = files(src).filter((f) => !emulatorFiles.includes(f));

  it('EMU-18 ARC-1: only src/emulator/, src/emulator.ts and src/cli.ts read the clock or touch node: modules', () => {
    for (const file of coreFiles) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/new Date\(\)|Date\.now\(|from 'node:|from 'fastify'/);
    }
  });

  it('EMU-18: the emulator imports the library only through its public entries, src/index.ts and src/schemas.ts', () => {
    for (const file of emulatorFiles) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from '(\.[^']*)'/g)].map((m) => m[1] ?? '');
      for (const spec of imports) {
        const target = join(file, '..', spec);
        const inside = target.startsWith(join(src, 'emulator')) || target === join(src, 'emulator');
        expect(inside || target === join(src, 'index') || target === join(src, 'schemas'), `${relative(ROOT, file)} imports ${spec}`).toBe(true);
      }
    }
  });
});
