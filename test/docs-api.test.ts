import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[]; treatWarningsAsErrors?: boolean };

// Entries others add later: once the file exists, the API reference must document it.
const LATER_ENTRIES = ['src/testing/index.ts', 'src/msw.ts'];

describe('the API reference (npm run docs)', () => {
  it('documents every published entry that exists', () => {
    expect(config.entryPoints).toEqual(expect.arrayContaining(['src/index.ts', 'src/schemas.ts', 'src/emulator.ts']));
    for (const entry of LATER_ENTRIES) {
      if (existsSync(join(root, entry))) expect(config.entryPoints, `${entry} exists, so typedoc.json lists it`).toContain(entry);
    }
    expect(config.treatWarningsAsErrors).toBe(true);
  });

  it('builds with no TypeDoc warnings or errors', () => {
    // `--emit none` converts and validates (exports, links) without writing docs/api.
    const run = spawnSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 150_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.error).toBeUndefined();
    expect(output.split('\n').filter((line) => /\[(warning|error)\]/.test(line))).toEqual([]);
    expect(run.status, output).toBe(0);
  }, 180_000);
});
