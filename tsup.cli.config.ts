import { defineConfig } from 'tsup';
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  outDir: '/tmp/clibundle',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  noExternal: [/.*/],
  minify: process.env.MIN === '1',
  treeshake: true,
  metafile: true,
  banner: { js: "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);" },
});
