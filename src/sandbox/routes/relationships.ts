import type { FastifyInstance } from 'fastify';
import { objectBody } from '../http/body.js';
import type { Params, RouteContext } from './context.js';

/**
 * `/objects/{o}/records/{id}/relationships/{rel}`: GET lists, PATCH replaces the whole set (200 with
 * the new set), POST adds, DELETE removes the listed ids (204).
 */
export function relationshipRoutes(scope: FastifyInstance, ctx: RouteContext): void {
  const path = '/objects/:object/records/:id/relationships/:rel';
  const { ws } = ctx;

  scope.get<{ Params: Params }>(path, (request, reply) => {
    const { object, id, rel } = request.params;
    return ctx.respond(request, reply, 200, { data: ws.listLinks(object, id, rel) });
  });

  scope.patch<{ Params: Params }>(path, (request, reply) => {
    const { object, id, rel } = request.params;
    const data = ws.changeLinks(object, id, rel, objectBody(request.body).data, 'replace');
    return ctx.respond(request, reply, 200, { data });
  });

  scope.post<{ Params: Params }>(path, (request, reply) => {
    const { object, id, rel } = request.params;
    const data = ws.changeLinks(object, id, rel, objectBody(request.body).data, 'add');
    return ctx.respond(request, reply, 200, { data });
  });

  scope.delete<{ Params: Params }>(path, (request, reply) => {
    const { object, id, rel } = request.params;
    ws.changeLinks(object, id, rel, objectBody(request.body).data, 'remove');
    return ctx.respond(request, reply, 204);
  });
}
