// GET /_emulator/openapi.json: the emulator's OpenAPI 3.1 document (EMU-25). A control route that needs no
// credentials, as LocalStack's /_localstack/swagger: readers and code generators fetch it without a till.
import { z } from 'zod';
import { openApiDocument } from '../http/openapi';
import { okReply } from '../http/reply';
import type { ControlRoute } from './controls';
import { SETUP_TAG } from './types';

/** The unauthenticated route that serves the OpenAPI document (EMU-25). */
export const openApiRoute: ControlRoute = {
  method: 'GET',
  url: '/_emulator/openapi.json',
  summary: 'Emulator: the OpenAPI document',
  access: 'public',
  beforeReady: true,
  doc: { response: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.record(z.string(), z.looseObject({})) }), tags: SETUP_TAG },
  handle: () => okReply(openApiDocument()),
};
