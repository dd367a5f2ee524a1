/**
 * The sandbox with a stopwatch: every API request is filed under a phase (snapshot, company creates, person
 * creates, deal creates, links...) with the time its request arrived and its response finished, and its
 * status. That shows where a run spends its time and which phase draws 429s; the sandbox's own stats()
 * only count requests by route pattern (which does not tell company creates from person creates).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { buildSandboxApp, type SandboxControls, type SandboxOptions } from '../src/sandbox/index.js';

export interface PhaseFigures {
  /** Every response, 429s and errors included. */
  requests: number;
  /** 2xx responses: the requests the phase actually needed. */
  ok: number;
  rateLimited: number;
  otherErrors: number;
  /** First request in → last response out, in ms. */
  spanMs: number;
  startMs: number;
  endMs: number;
}

export interface TimedSandbox extends SandboxControls {
  url: string;
  /** Figures per phase, in the order the phases began; times are relative to `resetTimes()`. */
  phases(): Record<string, PhaseFigures>;
  resetTimes(): void;
  close(): Promise<void>;
}

/** Names the phase of one API request from its method, route pattern and object. */
export function phaseOf(method: string, route: string, object: string | undefined): string {
  if (method === 'GET' && route.endsWith('/schemas')) return 'snapshot';
  if (method === 'GET' && route.endsWith('/objects/:object/resources')) return 'snapshot';
  if (method === 'POST' && route.endsWith('/records/bulk')) return `${object} creates`;
  if (method === 'PATCH' && route.endsWith('/records')) return `${object} updates`;
  if (route.includes('/relationships/')) return method === 'GET' ? 'link reads' : 'links';
  return `${method} ${route.replace(/^\/v1\/workspaces\/:slug/, '')}`;
}

export async function startTimedSandbox(options: SandboxOptions): Promise<TimedSandbox> {
  const app = buildSandboxApp({ ...options, port: 0 });
  let origin = performance.now();
  const arrived = new WeakMap<FastifyRequest, number>();
  let phases = new Map<string, PhaseFigures>();
  app.addHook('onRequest', async (request) => {
    arrived.set(request, performance.now());
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/v1/')) return;
    const object = (request.params as { object?: string }).object;
    const phase = phaseOf(request.method, route, object);
    const start = (arrived.get(request) ?? performance.now()) - origin;
    const end = performance.now() - origin;
    let figures = phases.get(phase);
    if (!figures) {
      figures = { requests: 0, ok: 0, rateLimited: 0, otherErrors: 0, spanMs: 0, startMs: start, endMs: end };
      phases.set(phase, figures);
    }
    figures.requests++;
    const status = reply.statusCode;
    if (status >= 200 && status < 300) figures.ok++;
    else if (status === 429) figures.rateLimited++;
    else figures.otherErrors++;
    figures.startMs = Math.min(figures.startMs, start);
    figures.endMs = Math.max(figures.endMs, end);
    figures.spanMs = figures.endMs - figures.startMs;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    ...app.sandbox,
    phases: () =>
      Object.fromEntries(
        [...phases.entries()].map(([name, f]) => [
          name,
          { ...f, startMs: Math.round(f.startMs), endMs: Math.round(f.endMs), spanMs: Math.round(f.spanMs) },
        ]),
      ),
    resetTimes: () => {
      origin = performance.now();
      phases = new Map();
    },
    close: () => app.close(),
  };
}
