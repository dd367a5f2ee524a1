import type { FastifyInstance } from 'fastify';
import {
  bulkCreate,
  bulkDeleteIds,
  bulkUpdate,
  matchOnOf,
  objectBody,
  singleCreate,
  singleUpdate,
} from '../http/body.js';
import { resource } from '../http/serialize.js';
import type { Params, RouteContext } from './context.js';

/** The write side: create (single, bulk, upsert), get, update (single, bulk), delete (single, bulk). */
export function recordRoutes(scope: FastifyInstance, ctx: RouteContext): void {
  const { ws, options } = ctx;

  const withLinks = (object: string, id: string) => {
    const rels = ws.relationships.get(object);
    if (!rels || rels.size === 0) return undefined;
    return Object.fromEntries([...rels.keys()].map((rel) => [rel, { data: ws.listLinks(object, id, rel) }]));
  };

  const create = (object: string, body: unknown, bulk: boolean, allowMatchOn: boolean) => {
    ws.def(object);
    const items = bulk ? bulkCreate(body, object, options.maxBulk) : [singleCreate(body, object)];
    const matchOn = allowMatchOn ? matchOnOf(objectBody(body)) : undefined;
    const records = ws.create(object, items, matchOn).map(resource);
    return bulk ? { data: records } : { data: records[0] };
  };

  scope.post<{ Params: Params }>('/objects/:object/records', (request, reply) =>
    ctx.respond(request, reply, 201, create(request.params.object, request.body, false, true)),
  );
  scope.post<{ Params: Params }>('/objects/:object/resources', (request, reply) =>
    ctx.respond(request, reply, 201, create(request.params.object, request.body, false, false)),
  );
  scope.post<{ Params: Params }>('/objects/:object/records/bulk', (request, reply) =>
    ctx.respond(request, reply, 201, create(request.params.object, request.body, true, true)),
  );

  scope.get<{ Params: Params }>('/objects/:object/records/:id', (request, reply) => {
    const { object, id } = request.params;
    const data: Record<string, unknown> = resource(ws.get(object, id));
    const relationships = withLinks(object, id);
    if (relationships) data.relationships = relationships;
    return ctx.respond(request, reply, 200, { data });
  });

  scope.patch<{ Params: Params }>('/objects/:object/records/:id', (request, reply) => {
    const { object, id } = request.params;
    ws.get(object, id);
    const [record] = ws.update(object, [singleUpdate(request.body, object, id)]);
    return ctx.respond(request, reply, 200, { data: resource(record!) });
  });

  scope.patch<{ Params: Params }>('/objects/:object/records', (request, reply) => {
    const { object } = request.params;
    ws.def(object);
    const records = ws.update(object, bulkUpdate(request.body, object, options.maxBulk));
    return ctx.respond(request, reply, 200, { data: records.map(resource) });
  });

  scope.delete<{ Params: Params }>('/objects/:object/records/:id', (request, reply) => {
    const { object, id } = request.params;
    ws.delete(object, [id], () => undefined);
    return ctx.respond(request, reply, 204);
  });

  scope.delete<{ Params: Params }>('/objects/:object/records', (request, reply) => {
    const { object } = request.params;
    ws.def(object);
    ws.delete(object, bulkDeleteIds(request.body, options.maxBulk), (i) => `/items/${i}`);
    return ctx.respond(request, reply, 204);
  });
}
