import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library, its schemas (`customer-graph/schemas`) and the emulator (`customer-graph/emulator`): the
    // dependencies stay imports, so that a consumer's copies are used.
    entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', emulator: 'src/emulator.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
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
