import type { APIRoute } from 'astro';
import { buildOpenApi } from '../../../lib/openapi.ts';
import { publicJson } from './_respond.ts';

/** The OpenAPI 3.1 description of this API. */
export const GET: APIRoute = ({ locals }) => publicJson(buildOpenApi(locals.ctx.origin));
