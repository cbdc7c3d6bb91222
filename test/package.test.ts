import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

// Runs a script in a plain Node process, outside the test runner's module loader, as a consumer would.
function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

const script = `
  const g0 = m.emptyGraph(m.defaultOrg())._unsafeUnwrap();
  const meta = { at: '2024-01-01T00:00:00Z', till: 'demo.till' };
  const r = m.execute(g0, { kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' },
    profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] }, meta });
  const hits = m.search(r.value.graph, { q: 'an' }).value.pagination.total;
  console.log(JSON.stringify({ id: r.value.response.createdId, hits, before: g0.customerCount }));
`;

describe('the published package', () => {
  it('declares ESM and CJS entry points with their own types, no side effects, and Node >= 20', () => {
    expect(pkg['type']).toBe('module');
    expect(pkg['sideEffects']).toBe(false);
    expect(pkg['engines']).toEqual({ node: '>=20' });
    expect(pkg['exports']).toMatchObject({
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
    });
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
      expect(existsSync(join(root, file)), `${file} is built`).toBe(true);
    }
  });

  it('EMU-27: declares its license with a LICENSE file, its repository, homepage, bugs and keywords, and builds before it packs', () => {
    expect(pkg['license']).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg['repository']).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\//) });
    expect(typeof pkg['homepage']).toBe('string');
    expect(pkg['bugs']).toMatchObject({ url: expect.any(String) });
    expect((pkg['keywords'] as string[]).length).toBeGreaterThan(3);
    expect((pkg['scripts'] as Record<string, string>)['prepack']).toBe('npm run build');
    expect(pkg['peerDependencies']).toMatchObject({ zod: '^4.3.0', msw: '^2.0.0' });
    expect(pkg['peerDependenciesMeta']).toEqual({ msw: { optional: true } });
  });

  it('works when imported as ESM by plain Node', () => {
    const out = node(['--input-type=module', '-e', `import * as m from './dist/index.js';${script}`]);
    expect(JSON.parse(out)).toEqual({ id: 1, hits: 1, before: 0 });
  });

  it('works when required as CommonJS by plain Node', () => {
    const out = node(['-e', `const m = require('./dist/index.cjs');${script}`]);
    expect(JSON.parse(out)).toEqual({ id: 1, hits: 1, before: 0 });
  });
});
