import type { FastifyReply, FastifyRequest } from 'fastify';
import { API, type Api } from '../../contracts/api.js';
import { methodOf, pathOf, type ParsedOf, type ResponseOf, type RouteKey, type RouteSpec } from '../../contracts/route.js';
import type { App } from './http.js';

// The large answers built from typed rows (the grid, a lesson) are sent without re-validation.
const plainJson = () => (data: unknown) => JSON.stringify(data);

type Parsed<K extends keyof Api> = ParsedOf<Api[K]>;
export type RouteRequest<K extends keyof Api> = FastifyRequest<{
  Params: Parsed<K>['params'];
  Querystring: Parsed<K>['query'];
  Body: Parsed<K>['body'];
}>;

/**
 * Registers the handler of one route of the table in contracts/: its method, path, access and
 * schemas come from there. The handler returns the answer (200), or sends it through `reply`
 * (another status, a download).
 */
export function serve<K extends keyof Api>(
  app: App,
  key: K,
  handler: (req: RouteRequest<K>, reply: FastifyReply) => Promise<ResponseOf<Api[K]> | FastifyReply>,
): void {
  const s: RouteSpec = API[key];
  const { access, summary, tags, allowWithTemporaryPassword, upload, yearOf } = s;
  app.route({
    method: methodOf(key as RouteKey),
    url: pathOf(key as RouteKey),
    config: {
      access,
      ...(allowWithTemporaryPassword ? { allowWithTemporaryPassword } : {}),
      ...(upload ? { upload } : {}),
      ...(yearOf ? { yearOf } : {}),
    },
    ...(s.plainJson ? { serializerCompiler: plainJson } : {}),
    schema: {
      tags: [...tags],
      summary,
      ...(s.description ? { description: s.description } : {}),
      ...(s.params ? { params: s.params } : {}),
      ...(s.query ? { querystring: s.query } : {}),
      ...(s.body ? { body: s.body } : {}),
      ...(s.response ? { response: s.response } : {}),
    },
    handler: handler as never,
  });
}
