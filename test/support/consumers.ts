// The fresh consumer projects test/package-install.test.ts installs the packed package into: each one's
// files and the commands that must succeed there. `bin:NAME` is a tool of this repository (tsc, esbuild),
// used so that a consumer installs only the package and what its README example imports.

/** The README's code blocks a consumer runs: the library example (```ts readme-example) and the testing section's (```ts testing-example FILE). */
export interface ReadmeBlocks {
  readonly example: string;
  readonly testing: Readonly<Record<string, string>>;
}

/** Reads the tagged blocks out of the README. */
export function readmeBlocks(readme: string): ReadmeBlocks {
  const example = /```ts readme-example\n([\s\S]*?)```/.exec(readme)?.[1];
  if (example === undefined) throw new Error('README.md has no ```ts readme-example block');
  const testing: Record<string, string> = {};
  for (const m of readme.matchAll(/```ts testing-example (\S+)\n([\s\S]*?)```/g)) testing[m[1] ?? ''] = m[2] ?? '';
  return { example, testing };
}

/** The testing section's examples that run under node's test runner (the rest run under vitest). */
export const nodeRunnerExamples = (blocks: ReadmeBlocks): string[] =>
  Object.entries(blocks.testing).filter(([, code]) => code.includes("from 'node:test'")).map(([file]) => `out/${file.replace(/\.ts$/, '.js')}`);

/** One command a consumer runs, and what it shows. */
export interface Check {
  readonly title: string;
  readonly steps: readonly (readonly string[])[];
}

export interface Consumer {
  readonly name: string;
  readonly extraInstall: readonly string[];
  files(blocks: ReadmeBlocks): Record<string, string>;
  readonly checks: readonly Check[];
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** One copy of the library behind every entry and both formats: a graph crosses entries and formats (problem 2 of I#13). */
const crossJs = (load: string) => `${load}
const assert = require('node:assert/strict');
(async () => {
  const e = await emu.createEmulator();
  const r = await e.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'demo.till',
    body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] } });
  assert.equal(r.status, 200);
  const graph = e.graph('default');
  const found = lib.lookup(graph, { source: 'ALL', identifierName: 'email', identifierValue: 'ann@example.com' });
  assert.ok(found.isOk(), JSON.stringify(found));
  assert.equal(other.getCustomer(graph, { customerId: found.value.entity, source: 'ALL' }).isOk(), true);
  const made = other.emptyGraph(other.defaultOrg());
  assert.ok(made.isOk());
  assert.equal(lib.search(made.value, { q: 'x' }).isOk(), true);
  assert.equal(lib.emptyGraph, other.emptyGraph);
  await e.close();
  console.log('one copy');
})().catch((error) => { console.error(error); process.exit(1); });
`;

const crossTs = `import { getCustomer, lookup, type CustomerGraph } from 'customer-graph';
import { createEmulator } from 'customer-graph/emulator';
import { registerBodySchema } from 'customer-graph/schemas';

export async function crossEntries(): Promise<boolean> {
  const emulator = await createEmulator();
  const graph: CustomerGraph | undefined = emulator.graph('default');
  await emulator.close();
  if (graph === undefined) return false;
  const body = registerBodySchema.safeParse({ profiles: [] });
  return lookup(graph, { source: 'ALL', identifierName: 'email', identifierValue: 'a@b.co' }).isErr() && getCustomer(graph, { customerId: 1, source: 'ALL' }).isErr() && !body.success;
}
`;

const tsconfig = (options: Record<string, unknown>) => json({ compilerOptions: { strict: true, target: 'es2022', skipLibCheck: false, outDir: 'out', types: ['node'], ...options }, include: ['*.ts'] });
const tscRun: Check = { title: 'the README example type-checks and runs', steps: [['bin:tsc', '-p', '.'], ['node', 'out/readme-example.js']] };
const npx: Check = { title: 'the customer-graph command runs through npx', steps: [['npm', 'exec', '--offline', '--', 'customer-graph', 'serve', '--help']] };

/** ESM, CommonJS, TypeScript node16 (ESM and CJS), bundler and node10. */
export const consumerProjects: readonly Consumer[] = [
  {
    name: 'esm',
    extraInstall: [],
    files: () => ({
      'package.json': json({ name: 'consumer-esm', private: true, type: 'module' }),
      'cross.mjs': crossJs(`import * as lib from 'customer-graph'; import * as emu from 'customer-graph/emulator'; import { createRequire } from 'node:module';
const require = createRequire(import.meta.url); const other = require('customer-graph');`),
    }),
    checks: [{ title: 'import and require share one library: a graph from any entry or format works with every function', steps: [['node', 'cross.mjs']] }, npx],
  },
  {
    name: 'cjs',
    // The lowest zod the peer range names.
    extraInstall: ['zod@4.3.0'],
    files: () => ({
      'package.json': json({ name: 'consumer-cjs', private: true, type: 'commonjs' }),
      'cross.cjs': crossJs(`const lib = require('customer-graph'); const emu = require('customer-graph/emulator');
const other = lib;`),
      'esm-from-cjs.cjs': `import('customer-graph').then((m) => { if (m.emptyGraph !== require('customer-graph').emptyGraph) process.exit(1); });\n`,
    }),
    checks: [{ title: 'require works with the lowest zod of the peer range, and import() gives the same objects', steps: [['node', 'cross.cjs'], ['node', 'esm-from-cjs.cjs']] }],
  },
  {
    name: 'ts-node16',
    extraInstall: ['@types/node@^20'],
    files: ({ example }) => ({
      'package.json': json({ name: 'consumer-ts-node16', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
      'readme-example.ts': example,
      'cross.ts': crossTs,
    }),
    checks: [tscRun],
  },
  {
    name: 'ts-node16-cjs',
    extraInstall: ['@types/node@^20'],
    files: ({ example }) => ({
      'package.json': json({ name: 'consumer-ts-node16-cjs', private: true, type: 'commonjs' }),
      'tsconfig.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
      'readme-example.ts': example,
      'cross.ts': crossTs,
    }),
    checks: [tscRun],
  },
  {
    name: 'ts-testing',
    extraInstall: ['@types/node@^20', 'msw@^2.12', 'vitest@4.1.11'],
    files: ({ testing }) => ({
      'package.json': json({ name: 'consumer-ts-testing', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
      ...testing,
    }),
    checks: [
      {
        title: "the README's testing examples type-check and pass under node's test runner and vitest",
        steps: [['bin:tsc', '-p', '.'], ['node', '--test', 'testing:node'], ['npm', 'exec', '--offline', '--', 'vitest', 'run', '--dir', '.', 'testing:vitest']],
      },
    ],
  },
  {
    name: 'ts-bundler',
    extraInstall: ['@types/node@^20'],
    files: ({ example }) => ({
      'package.json': json({ name: 'consumer-ts-bundler', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler', noEmit: true }),
      'readme-example.ts': example,
      'cross.ts': crossTs,
    }),
    checks: [
      {
        title: 'the README example type-checks, bundles and runs',
        steps: [['bin:tsc', '-p', '.'], ['bin:esbuild', 'readme-example.ts', '--bundle', '--platform=node', '--format=esm', '--log-level=warning', '--outfile=out/readme-example.mjs'], ['node', 'out/readme-example.mjs']],
      },
    ],
  },
  {
    name: 'ts-node10',
    extraInstall: ['@types/node@^20'],
    files: ({ example }) => ({
      'package.json': json({ name: 'consumer-ts-node10', private: true }),
      'tsconfig.json': tsconfig({ module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }),
      'readme-example.ts': example,
      'cross.ts': crossTs,
    }),
    checks: [tscRun],
  },
];
