// The OpenAPI 3.1 document of the emulator, generated from the route table and the zod schemas the routes
// read their input with and the response schemas kept equal to the library's types (EMU-25): one
// operation per route, its path and query parameters, its body, its 200 and the standard error body for
// 4xx and 5xx. JSON Schema draft 2020-12, the dialect of OpenAPI 3.1, by zod's own `z.toJSONSchema`.
import { z, type ZodType } from 'zod';
import { ROUTES } from '../routes/index';
import type { ApiRoute } from '../routes/types';
import { CONTROL_ROUTES, type ControlRoute } from '../routes/controls';
import { faultRoutes } from '../routes/faults';
import { journalRoutes } from '../routes/journal';
import { FaultRules } from '../runtime/faults';
import { RequestJournal } from '../runtime/journal';
import { withDryRunField, withDryRunQuery } from '../routes/dry-run';

let documented: readonly ApiRoute[] | undefined;
/** The route table and the per-emulator setup routes (the journal's and the fault rules'), built once to be described (EMU-25). */
export function documentedRoutes(): readonly ApiRoute[] {
  return (documented ??= [...ROUTES, ...journalRoutes(new RequestJournal()), ...faultRoutes(new FaultRules())]);
}
import { VERSION } from '../version';
import { errorBodySchema } from './reply';

/** A JSON Schema object (draft 2020-12), as the OpenAPI document embeds it (EMU-25). */
export type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document the emulator writes (EMU-25). */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly jsonSchemaDialect: string;
  readonly tags: readonly { readonly name: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, JsonSchema>>; readonly securitySchemes: Readonly<Record<string, JsonSchema>> };
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
}

/** One operation of the document (EMU-25). */
export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Empty for an operation that needs no credentials. */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required: boolean; readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
  readonly responses: Readonly<Record<string, { readonly description: string; readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> }>>;
}

/** A path or query parameter (EMU-25). */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

const JSON_TYPE = 'application/json';
const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };

/** A zod schema as draft 2020-12 JSON Schema: the input side for what a request sends, the output side for answers. */
function jsonSchemaOf(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete out['$schema'];
  return out;
}

/** `/v2/customers/:customerId` as OpenAPI writes it: `/v2/customers/{customerId}` (EMU-25). */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The `:param` names of a route's url. */
function pathNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
}

/** What the document reads of a route: an org's route, or a control route with its access. */
type Documented = Pick<ApiRoute, 'method' | 'url' | 'summary' | 'doc' | 'dryRun'> & { readonly access?: ControlRoute['access'] };

function parametersOf(route: Documented): OpenApiParameter[] {
  const out: OpenApiParameter[] = [];
  const path = route.doc?.params === undefined ? {} : ((jsonSchemaOf(route.doc.params, 'input')['properties'] ?? {}) as Record<string, JsonSchema>);
  for (const name of pathNames(route.url)) out.push({ name, in: 'path', required: true, schema: path[name] ?? { type: 'string' } });
  // A route that commits a command takes `dryRun` besides its own parameters (EMU-30).
  const querySchema = route.dryRun === true ? withDryRunQuery(route.doc?.query) : route.doc?.query;
  if (querySchema !== undefined) {
    const query = jsonSchemaOf(querySchema, 'input');
    const required = new Set((query['required'] ?? []) as string[]);
    for (const [name, schema] of Object.entries((query['properties'] ?? {}) as Record<string, JsonSchema>)) {
      out.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return out;
}

function operationOf(route: Documented): OpenApiOperation {
  const doc = route.doc;
  const media = doc?.mediaType ?? JSON_TYPE;
  const ok = doc?.response === undefined ? {} : jsonSchemaOf(route.dryRun === true ? withDryRunField(doc.response) : doc.response, 'output');
  const body = doc?.body;
  return {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.url).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [...(doc?.tags ?? [])],
    // The health check and this document need no credentials (EMU-21, EMU-25).
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: parametersOf(route),
    ...(body === undefined ? {} : { requestBody: { required: !body.safeParse(undefined).success, content: { [media]: { schema: jsonSchemaOf(body, 'input') } } } }),
    responses: {
      [String(doc?.status ?? 200)]: { description: doc?.status === 201 ? 'Created' : 'Success', content: { [media]: { schema: ok } } },
      '4XX': { description: 'The standard error body: the request was refused (EMU-2, EMU-3)', content: { [JSON_TYPE]: { schema: ERROR_REF } } },
      '5XX': { description: 'The standard error body: an internal or storage failure (EMU-5, EMU-8)', content: { [JSON_TYPE]: { schema: ERROR_REF } } },
    },
  };
}

// Keyed by both tables: the same route table with other control routes is another document.
const cache = new WeakMap<readonly ApiRoute[], WeakMap<readonly ControlRoute[], OpenApiDocument>>();

/**
 * The OpenAPI 3.1 document of a route table, the emulator's own by default (EMU-25): built once per table,
 * then the same value; HTTP basic authentication on every operation, as the emulator asks (EMU-1).
 */
export function openApiDocument(routes: readonly ApiRoute[] = documentedRoutes(), controls: readonly ControlRoute[] = CONTROL_ROUTES): OpenApiDocument {
  const cached = cache.get(routes)?.get(controls);
  if (cached !== undefined) return cached;
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of [...routes, ...controls] as Documented[]) {
    const ops = (paths[openApiPath(route.url)] ??= {});
    ops[route.method.toLowerCase()] = operationOf(route);
  }
  const tags = [...new Set([...routes, ...controls].flatMap((r) => r.doc?.tags ?? []))].map((name) => ({ name }));
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'customer-graph emulator',
      version: VERSION,
      description: "An emulator of a loyalty platform's Customer API (v2) and v1.1 bulk get, with setup endpoints under /_emulator/.",
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags,
    paths,
    components: { schemas: { ErrorBody: jsonSchemaOf(errorBodySchema, 'output') }, securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
    security: [{ basicAuth: [] }],
  };
  if (!cache.has(routes)) cache.set(routes, new WeakMap());
  cache.get(routes)?.set(controls, document);
  return document;
}
