import { defineConfig } from 'tsup';

export default defineConfig({
  // The library, the emulator (`customer-graph/emulator`) and the `customer-graph` command.
  entry: { index: 'src/index.ts', emulator: 'src/emulator/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', emulator: 'src/emulator/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
});
