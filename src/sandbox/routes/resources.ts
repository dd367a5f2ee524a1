import type { FastifyInstance } from 'fastify';
import { resource } from '../http/serialize.js';
import { listRecords } from '../query/list.js';
import type { Params, RouteContext } from './context.js';

/** The read side: `GET /objects/{o}/resources[/{id}]`. */
export function resourceRoutes(scope: FastifyInstance, ctx: RouteContext): void {
  scope.get<{ Params: Params }>('/objects/:object/resources', (request, reply) => {
    const [path = '', search = ''] = request.url.split('?', 2);
    const host = request.host || `${request.socket.localAddress}:${request.socket.localPort}`;
    const origin = ctx.options.nextLinkOrigin ?? `${request.protocol}://${host}`;
    const page = listRecords(ctx.ws, {
      object: request.params.object,
      path,
      search,
      origin,
      maxLimit: ctx.options.maxPageLimit,
      foldUniqueText: ctx.options.dealNameMatch === 'case-insensitive',
    });
    return ctx.respond(request, reply, 200, {
      data: page.records.map(resource),
      meta: page.meta,
      links: page.links,
    });
  });

  scope.get<{ Params: Params }>('/objects/:object/resources/:id', (request, reply) => {
    const { object, id } = request.params;
    return ctx.respond(request, reply, 200, { data: resource(ctx.ws.get(object, id)) });
  });
}
