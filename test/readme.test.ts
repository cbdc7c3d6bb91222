import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('README example (REG-6, CHG-4, LKP-1, MRG-5, ARC-3)', () => {
  it('runs as written: combine from a second source, merge through changeIdentifier, look up', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```ts readme-example\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README.md has a ```ts readme-example block').toBeDefined();
    // neverthrow's _unsafeUnwrap is for its own tests; the README shows isOk and match.
    expect(readme).not.toContain('_unsafeUnwrap');
    const source = (block ?? '').replace(/from 'customer-graph'/g, `from ${JSON.stringify(join(root, 'src/index.ts'))}`);
    const dir = join(root, 'test/.generated');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-example.ts');
    writeFileSync(file, `${source}\nexport const ran = true;\n`);
    // The example's own node:assert checks throw if the README's claims stop being true.
    const mod = (await import(file)) as { ran: boolean };
    expect(mod.ran).toBe(true);
  });
});
