// Writes dist/<entry>.js for each CommonJS entry: an ES module that re-exports it (and dist/openapi.json). The CommonJS build is the
// one copy of the library (tsup.config.ts); an ES module importing it gets the same objects a require()
// does, so values cross between the two formats. Node finds the names through the annotation esbuild writes
// for cjs-module-lexer; bundlers follow the re-export.
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const entries = ['index', 'schemas', 'emulator', 'testing', 'msw'];
const present = new Set(readdirSync(dist));
for (const name of entries) {
  if (!present.has(`${name}.cjs`)) continue;
  writeFileSync(join(dist, `${name}.js`), `// The ES module face of ${name}.cjs: one copy of the library for both formats.\nexport * from './${name}.cjs';\n`);
}

// The OpenAPI document ships beside the code (`customer-graph/openapi.json`), generated from the same route
// table and schemas the server reads (EMU-25).
const { openApiDocument } = createRequire(import.meta.url)(join(dist, 'emulator.cjs'));
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
