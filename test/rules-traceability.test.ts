import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** One rule of docs/rules.md: its id, and the file and declaration that enforce it. */
interface RuleRow {
  readonly id: string;
  readonly enforcers: readonly { readonly file: string; readonly name: string }[];
}

function ruleRows(): RuleRow[] {
  const text = readFileSync(join(root, 'docs/rules.md'), 'utf8');
  return [...text.matchAll(/^\| ([A-Z]+-\d+) \|.*\|([^|]*)\|\s*$/gm)].map((m) => ({
    id: m[1] ?? '',
    enforcers: [...(m[2] ?? '').matchAll(/`([^`]+\.ts)` `([A-Za-z_$][\w$]*)`/g)].map((e) => ({ file: e[1] ?? '', name: e[2] ?? '' })),
  }));
}

/** Every id a text names, ranges such as `REG-1..REG-7` (or `REG-1..7`) expanded. */
export function namedIds(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b([A-Z]{2,5})-(\d+)(?:\.\.(?:\1-)?(\d+))?\b/g)) {
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    for (let n = from; n <= Math.max(from, to); n++) out.add(`${m[1]}-${n}`);
  }
  return out;
}

/**
 * The text of a declaration: the comment block right above it and its own lines, up to the next
 * declaration at its indentation or shallower. Finds functions, consts, classes and methods.
 */
export function declarationText(source: string, name: string): string | undefined {
  const lines = source.split('\n');
  const escaped = name.replace(/\$/g, '\\$');
  const decl = new RegExp(`^(\\s*)(?:export\\s+)?(?:(?:async\\s+)?function\\s*\\*?\\s+${escaped}\\b|(?:const|let|class)\\s+${escaped}\\b|(?:(?:static|async|readonly|private|public|get)\\s+)*${escaped}\\s*[(<])`);
  const at = lines.findIndex((l) => decl.test(l));
  if (at === -1) return undefined;
  const indent = (lines[at] ?? '').match(/^\s*/)?.[0].length ?? 0;
  let start = at;
  while (start > 0 && /^\s*(\/\*\*|\*|\/\/)/.test(lines[start - 1] ?? '')) start--;
  let end = at + 1;
  while (end < lines.length) {
    const l = lines[end] ?? '';
    const depth = l.match(/^\s*/)?.[0].length ?? 0;
    if (l.trim() !== '' && depth <= indent && /^\s*(\/\*\*|\/\/|export |function |const |class |interface |type |static |async |private |get |[A-Za-z_$][\w$]*\s*[(<])/.test(l)) break;
    end++;
  }
  return lines.slice(start, end).join('\n');
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return path.endsWith('.test.ts') && !path.endsWith('rules-traceability.test.ts') ? [path] : [];
  });
}

/** The titles of every `describe`, `it` and `test` of the test suites: comments do not count. */
function testTitles(): string[] {
  const files = [...testFiles(join(root, 'test')), ...testFiles(join(root, 'property-tests'))];
  return files.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/\b(?:describe|it|test)(?:\.(?:skipIf\([^)]*\)|each\([^)]*\)|only|skip|concurrent))*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2] ?? ''),
  );
}

describe('docs/rules.md, the code and the tests name each other (traceability)', () => {
  const rows = ruleRows();
  const ids = rows.map((r) => r.id);
  const titled = new Set(testTitles().flatMap((t) => [...namedIds(t)]));

  it('lists rules, each with a unique id', () => {
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names, for every rule, the file and declaration that enforce it, and that declaration names the rule id', () => {
    const problems: string[] = [];
    for (const row of rows) {
      if (row.enforcers.length === 0) problems.push(`${row.id}: no enforcer named`);
      for (const { file, name } of row.enforcers) {
        const path = join(root, file);
        if (!existsSync(path)) {
          problems.push(`${row.id}: ${file} does not exist`);
          continue;
        }
        const text = declarationText(readFileSync(path, 'utf8'), name);
        if (text === undefined) problems.push(`${row.id}: ${file} declares no ${name}`);
        else if (!namedIds(text).has(row.id)) problems.push(`${row.id}: ${file} ${name} does not mention ${row.id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a test whose title names every rule id (ranges expanded)', () => {
    expect(ids.filter((id) => !titled.has(id))).toEqual([]);
  });

  it('has no test title naming a rule id that docs/rules.md does not list', () => {
    const known = new Set(ids);
    const prefixes = new Set(ids.map((id) => id.replace(/-\d+$/, '')));
    expect([...titled].filter((id) => prefixes.has(id.replace(/-\d+$/, '')) && !known.has(id))).toEqual([]);
  });

  it('the checks themselves: ranges expand, and a declaration is found with its comment', () => {
    expect([...namedIds('REG-1..REG-3, CHG-7 and PTS-2..4')]).toEqual(['REG-1', 'REG-2', 'REG-3', 'CHG-7', 'PTS-2', 'PTS-3', 'PTS-4']);
    const source = '/** Does x (ABC-1). */\nexport function x(): void {\n  y();\n}\n\n/** Other (ABC-2). */\nexport const z = 1;\n';
    expect(declarationText(source, 'x')).toBe('/** Does x (ABC-1). */\nexport function x(): void {\n  y();\n}\n');
    expect(declarationText(source, 'nope')).toBeUndefined();
    expect(namedIds(declarationText(source, 'x') ?? '').has('ABC-2')).toBe(false);
  });
});
