// GET /_emulator/openapi.json: the emulator's OpenAPI 3.1 document (EMU-25). Authenticated like every other
// route for now; readers would rather fetch it without a till.
import { z } from 'zod';
import { openApiDocument } from '../http/openapi';
import { okReply } from '../http/reply';
import { SETUP_TAG, type ApiRoute } from './types';

/** The route that serves the OpenAPI document (EMU-25). */
export const openApiRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/openapi.json',
    summary: 'Emulator: the OpenAPI document',
    doc: { response: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.record(z.string(), z.looseObject({})) }), tags: SETUP_TAG },
    handle: () => okReply(openApiDocument()),
  },
];
