import { defineConfig } from 'tsup';

// The package's entries: the library, its schemas, the emulator (and, as they land, the test toolkit). One
// CommonJS build with code splitting holds the only copy of the library, shared by every entry, so that a
// graph made through one entry works with every function of another (docs/decisions.md, "One copy of the
// library"); the ESM entries are thin wrappers over it (scripts/esm-wrappers.mjs). `dependencies` and
// `peerDependencies` stay imports; fastify, a dev dependency, is bundled into the emulator's chunk, so that
// a library-only consumer installs no HTTP server and an emulator user none of its install warnings.
/** The package's entries, built once as one shared CommonJS library with ES module faces (EMU-27). */
const entry = { index: 'src/index.ts', schemas: 'src/schemas.ts', emulator: 'src/emulator.ts', msw: 'src/msw.ts', testing: 'src/testing/index.ts' };

export default defineConfig([
  {
    entry,
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs', dts: '.d.cts' }),
    dts: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
    // The wrappers are written once the CommonJS files exist.
    onSuccess: 'node scripts/esm-wrappers.mjs',
  },
  {
    // The declarations of the ESM wrappers: the same types, under the names `import` resolves to.
    entry,
    format: ['esm'],
    dts: { only: true },
    target: 'node20',
    platform: 'node',
  },
  {
    // The `customer-graph` command: one self-contained bundle with every dependency inlined, so that starting
    // it resolves and reads one file instead of some 200, and the launcher that loads it through V8's code
    // cache (docs/decisions.md, "Start-up").
    entry: { 'cli-bundle': 'src/cli.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    target: 'node20',
    platform: 'node',
    noExternal: [/.*/],
    treeshake: true,
  },
  {
    entry: { cli: 'src/emulator/cli/launch.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    target: 'node20',
    platform: 'node',
  },
]);
