import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './context.js';

export function schemaRoutes(scope: FastifyInstance, ctx: RouteContext): void {
  scope.get('/schemas', (request, reply) => ctx.respond(request, reply, 200, ctx.schemaBody));
}
