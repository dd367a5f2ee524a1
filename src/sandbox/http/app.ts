import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { ApiError, errorBody } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { seededRandom } from '../prng.js';
import type { RouteContext } from '../routes/context.js';
import { recordRoutes } from '../routes/records.js';
import { relationshipRoutes } from '../routes/relationships.js';
import { resourceRoutes } from '../routes/resources.js';
import { schemaRoutes } from '../routes/schemas.js';
import type { Workspace } from '../write/workspace.js';
import { makeAuthCheck } from './auth.js';
import { drawFaults, type FaultDecision } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import type { StatsRecorder } from './stats.js';

const PREFIX = '/v1/workspaces/:slug';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Route pattern without the workspace prefix, e.g. `POST /objects/:object/records/bulk`. */
function routeKey(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return `${request.method} (unmatched)`;
  return `${request.method} ${pattern.startsWith(PREFIX) ? pattern.slice(PREFIX.length) || '/' : pattern}`;
}

/** Maps fastify's own errors (bad JSON, body too large, wrong media type...) onto JSON:API errors. */
function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'Content-Type must be application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'Malformed JSON body');
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError(status, error.message);
  return new ApiError(500, 'Internal server error');
}

/** JSON bodies; an empty body is "no body" so that DELETE with a JSON content type still works. */
function parseJson(
  _request: FastifyRequest,
  body: string,
  done: (err: Error | null, value?: unknown) => void,
) {
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch {
    done(new ApiError(400, 'Malformed JSON body'));
  }
}

export interface AppParts {
  options: ResolvedOptions;
  ws: Workspace;
  schemaBody: unknown;
  stats: StatsRecorder;
}

export function buildApp({ options, ws, schemaBody, stats }: AppParts): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: true,
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply).code(400).send(errorBody(400, `Bad request: ${error.message}`));
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/vnd.api+json'],
    { parseAs: 'string' },
    parseJson,
  );

  const random = seededRandom(options.seed);
  const limiter = options.rateLimit === undefined ? undefined : new RateLimiter(options.rateLimit);
  const checkAuth = makeAuthCheck(options.apiKey);
  const plans = new WeakMap<FastifyRequest, FaultDecision>();
  const lost = new WeakSet<FastifyRequest>();

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const apiError = toApiError(error);
    reply.code(apiError.status).type('application/json').send(apiError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const detail = request.url.startsWith('/v1/') ? 'Not found' : 'Not found: every API path starts with /v1';
    reply.code(404).send(errorBody(404, detail));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (options.latencyMs > 0 && request.url.startsWith('/v1/')) await sleep(options.latencyMs);
    if (reply.statusCode === 204) return null;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!lost.has(request)) stats.request(routeKey(request), String(reply.statusCode));
  });

  const ctx: RouteContext = {
    ws,
    options,
    schemaBody,
    respond(request, reply, status, body) {
      if (plans.get(request)?.loseResponse) {
        lost.add(request);
        stats.fault('lostResponses');
        stats.request(routeKey(request), 'lost');
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      return body === undefined ? reply.code(status).send() : reply.code(status).send(body);
    },
  };

  app.register(
    async (scope) => {
      // Order matters: how fast (so every API response, a 401 included, carries the rate headers),
      // who you are, which workspace — and only then any injected fault.
      scope.addHook(
        'onRequest',
        async (request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) => {
          if (limiter) {
            const decision = limiter.take(routeKey(request));
            reply.header('X-RateLimit-Limit', decision.limit);
            reply.header('X-RateLimit-Remaining', decision.remaining);
            reply.header('X-RateLimit-Reset', decision.resetSeconds);
            if (!decision.allowed) {
              stats.fault('rateLimited');
              reply.header('Retry-After', decision.retryAfter);
              throw new ApiError(429, 'API rate limit exceeded');
            }
          }
          checkAuth(request.headers.authorization);
          if (request.params.slug !== options.workspace) throw new ApiError(404, 'Workspace not found');
        },
      );
      scope.addHook('preHandler', async (request) => {
        const plan = drawFaults(random, options.faultRate, options.lostResponseRate);
        plans.set(request, plan);
        if (plan.serverError !== undefined) {
          stats.fault('serverErrors');
          throw new ApiError(plan.serverError, 'Injected fault: the server failed before writing anything');
        }
      });
      schemaRoutes(scope, ctx);
      resourceRoutes(scope, ctx);
      recordRoutes(scope, ctx);
      relationshipRoutes(scope, ctx);
    },
    { prefix: PREFIX },
  );
  return app;
}
