// The emulator in the published package (EMU-17), and its place in the architecture (EMU-18): all I/O and
// the only clock live in src/emulator/ and src/cli.ts, which reach the library through its public API.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

const built = ['dist/emulator.js', 'dist/emulator.cjs', 'dist/cli.cjs', 'dist/cli-bundle.cjs'].every((f) => existsSync(join(ROOT, f)));
/** Whether a source changed after the last build (then `npm start` would build first). */
const stale = built && Math.max(...files(join(ROOT, 'src')).map((f) => statSync(f).mtimeMs)) > statSync(join(ROOT, 'dist/cli.cjs')).mtimeMs;

describe('EMU-17: the published package serves the emulator', () => {
  it('EMU-17: customer-graph/emulator is an ESM and CJS subpath with types; the customer-graph command is a built file', () => {
    expect(pkg.exports['./emulator']).toEqual({
      import: { types: './dist/emulator.d.ts', default: './dist/emulator.js' },
      require: { types: './dist/emulator.d.cts', default: './dist/emulator.cjs' },
    });
    expect(pkg.bin).toEqual({ 'customer-graph': './dist/cli.cjs' });
    expect(readFileSync(join(ROOT, 'src/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(pkg.engines).toEqual({ node: '>=20' });
    // The HTTP server is bundled into the emulator's chunk: a library-only consumer installs none (EMU-17).
    expect(pkg.dependencies['fastify']).toBeUndefined();
    expect(pkg.devDependencies['fastify']).toBeDefined();
  });

  it('EMU-17: the version the command and the health endpoint report is package.json\'s', async () => {
    const { VERSION } = await import('../../src/emulator/version');
    expect(VERSION).toBe((pkg as unknown as { version: string }).version);
  });

  it('EMU-17 EMU-15: npm start runs the built command through scripts/start.mjs, which builds first only when dist/ is missing or stale', () => {
    expect(pkg.scripts['start']).toBe('node scripts/start.mjs serve');
    expect(readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8')).toContain("join(root, 'dist', 'cli.cjs')");
  });

  it.skipIf(!built || stale)('EMU-17 EMU-15: with dist/ newer than the sources, npm start compiles nothing and runs dist/cli.js', () => {
    const out = spawnSync(process.execPath, ['scripts/start.mjs', 'serve', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Usage: customer-graph serve/);
    expect(out.stderr).toBe('');
  });

  it.skipIf(!built)('EMU-17: the command is a launcher and one self-contained bundle: it runs with no node_modules beside it, with or without its code cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-bin-'));
    try {
      for (const f of ['cli.cjs', 'cli-bundle.cjs']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
      const run = (env: Record<string, string>) =>
        execFileSync(process.execPath, [join(dir, 'cli.cjs'), 'serve', '--help'], { cwd: dir, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), ...env } });
      expect(run({ CUSTOMER_GRAPH_CODE_CACHE: '0' })).toMatch(/^Usage: customer-graph serve/);
      expect(existsSync(join(dir, 'cache'))).toBe(false);
      expect(run({})).toMatch(/^Usage: customer-graph serve/);
      expect(readdirSync(join(dir, 'cache', 'customer-graph'))).toEqual([expect.stringMatching(/^cli-v[\d.]+-\d+-\d+\.v8cache$/)]);
      // The second start reads the cache it wrote.
      expect(run({})).toMatch(/^Usage: customer-graph serve/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!built)('EMU-17: the built files work for plain Node: import, require and the command', () => {
    const script = `const e = await m.startServer({ port: 0 });
      const r = await fetch(e.url + '/v2/customers/search?q=a', { headers: { authorization: 'Basic ZGVtby50aWxsOmRlbW8=' } });
      console.log(r.status); await e.close();`;
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from './dist/emulator.js'; ${script}`], { cwd: ROOT, encoding: 'utf8' });
    expect(esm.trim()).toBe('200');
    const cjs = execFileSync(process.execPath, ['-e', `const m = require('./dist/emulator.cjs'); (async () => { ${script} })()`], { cwd: ROOT, encoding: 'utf8' });
    expect(cjs.trim()).toBe('200');
    expect(execFileSync(process.execPath, ['dist/cli.cjs', 'replay', '--help'], { cwd: ROOT, encoding: 'utf8' })).toMatch(/^Usage: customer-graph replay/);
  });
});

describe('EMU-18: the core stays pure; the emulator uses only the public library API', () => {
  const src = join(ROOT, 'src');
  // The emulator and its test toolkit (customer-graph/testing, customer-graph/msw) are the I/O side.
  const emulatorFiles = [...files(join(src, 'emulator')), ...files(join(src, 'testing')), join(src, 'cli.ts'), join(src, 'emulator.ts'), join(src, 'msw.ts')];
  const coreFiles = files(src).filter((f) => !emulatorFiles.includes(f));

  it('EMU-18 ARC-1: only src/emulator/, src/testing/, src/emulator.ts, src/msw.ts and src/cli.ts read the clock or touch node: modules', () => {
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
        const toolkit = target.startsWith(join(src, 'testing')) || target === join(src, 'emulator');
        expect(inside || toolkit || target === join(src, 'index') || target === join(src, 'schemas'), `${relative(ROOT, file)} imports ${spec}`).toBe(true);
      }
    }
  });
});
