import { defineConfig } from 'tsup';

export default defineConfig({
  // The library, its schemas (`customer-graph/schemas`), the emulator (`customer-graph/emulator`) and the
  // `customer-graph` command.
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', emulator: 'src/emulator.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', emulator: 'src/emulator.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
});
