import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedOptions } from '../options.js';
import type { Workspace } from '../write/workspace.js';

/** What every route needs: the workspace, the options and the one way to answer. */
export interface RouteContext {
  ws: Workspace;
  options: ResolvedOptions;
  schemaBody: unknown;
  /**
   * Sends a success response — or, when the fault plan says so, drops the connection after the
   * write has been committed (the client sees a reset, the data is there).
   */
  respond(request: FastifyRequest, reply: FastifyReply, status: number, body?: unknown): FastifyReply;
}

export type Params = { object: string; id: string; rel: string };
