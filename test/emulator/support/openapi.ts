// Checks an answer of the emulator against its OpenAPI document (EMU-25): the operation the method and
// path name, the schema of the status (200, or the standard error body of 4XX and 5XX), validated by ajv's
// draft 2020-12 validator with the formats.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import { openApiDocument, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from '../../../src/emulator';

// ajv-formats is CommonJS: its default export is the function, or an object holding it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const validators = new WeakMap<object, ValidateFunction>();

/** The document's operation for a request: literal segments first, so `/v2/customers/lookup` is not `{customerId}` (EMU-25). */
export function operationFor(method: string, path: string, doc: OpenApiDocument = openApiDocument()): OpenApiOperation | undefined {
  // The emulator ignores a trailing slash (EMU-7).
  const bare = (path.split('?')[0] ?? path).replace(/(.)\/+$/, '$1');
  const candidates = Object.entries(doc.paths)
    .filter(([template]) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare))
    .sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const [, ops] of candidates) {
    const op = ops[method.toLowerCase()];
    if (op !== undefined) return op;
  }
  return undefined;
}

/** The schema the document gives an answer of this status: the 200 body's, or the error body's (EMU-25). */
export function schemaFor(op: OpenApiOperation, status: number, doc: OpenApiDocument = openApiDocument()): JsonSchema | undefined {
  const key = status === 200 ? '200' : status >= 400 && status < 500 ? '4XX' : status >= 500 ? '5XX' : String(status);
  const content = op.responses[key]?.content;
  const schema = content === undefined ? undefined : Object.values(content)[0]?.schema;
  if (schema !== undefined && schema['$ref'] === '#/components/schemas/ErrorBody') return doc.components.schemas['ErrorBody'];
  return schema;
}

/** The schema errors of an answer against the document, empty when it conforms; an error answer off the document is checked as the standard error body (EMU-25). */
export function openApiProblems(method: string, path: string, status: number, body: unknown): string[] {
  const op = operationFor(method, path);
  // A path outside the document (unknown, or a route a host added) is checked only as an error answer.
  if (op === undefined && status < 400) return [];
  const schema = op === undefined ? openApiDocument().components.schemas['ErrorBody'] : schemaFor(op, status);
  if (schema === undefined) return [`no schema for status ${status} of ${method} ${path}`];
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Asserts that an answer conforms to the OpenAPI document for its operation and status (EMU-25). */
export function expectMatchesOpenApi(method: string, path: string, status: number, body: unknown): void {
  expect(openApiProblems(method, path, status, body), `${method} ${path} → ${status}: ${JSON.stringify(body)?.slice(0, 500)}`).toEqual([]);
}
