import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function ruleIds(): string[] {
  const text = readFileSync(join(root, 'docs/rules.md'), 'utf8');
  return [...text.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1] ?? '');
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return path.endsWith('.ts') && !path.endsWith('rules-traceability.test.ts') ? [path] : [];
  });
}

describe('docs/rules.md and the tests name each other (traceability)', () => {
  const ids = ruleIds();
  const sources = [...testFiles(join(root, 'test')), ...testFiles(join(root, 'property-tests'))].map((f) =>
    readFileSync(f, 'utf8'),
  );
  const named = new Set(sources.flatMap((s) => [...s.matchAll(/\b([A-Z]{2,5}-\d+)\b/g)].map((m) => m[1] ?? '')));
  const prefixes = new Set(ids.map((id) => id.replace(/-\d+$/, '')));

  it('lists rules, each with a unique id', () => {
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a test naming every rule id', () => {
    expect(ids.filter((id) => !named.has(id))).toEqual([]);
  });

  it('has no test naming a rule id that docs/rules.md does not list', () => {
    const known = new Set(ids);
    const unknown = [...named].filter((id) => prefixes.has(id.replace(/-\d+$/, '')) && !known.has(id));
    expect(unknown).toEqual([]);
  });
});
