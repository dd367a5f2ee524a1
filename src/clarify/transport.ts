import { errorCode } from './classify.js';
import { type HttpResponse, TransportError } from './http-types.js';

export interface TransportRequest {
  method: string;
  url: string;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Transport = (request: TransportRequest) => Promise<HttpResponse>;

/**
 * One HTTP attempt over Node's global fetch (undici: keep-alive pooled connections). The timeout covers
 * the whole exchange, body included. The API key lives only in this closure: it is never stored on an
 * object, and errors are rebuilt from codes so no header can leak through them.
 */
export function createTransport(apiKey: string): Transport {
  const authorization = `api-key ${apiKey}`;
  return async function send(request: TransportRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    let payload: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(request.body);
    }
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers, body: payload, signal });
    } catch (error) {
      throw toTransportError(error, timeout, request, false);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw toTransportError(error, timeout, request, true);
    }
    const durationMs = performance.now() - started;
    let body: unknown = null;
    let bodyUnparsable = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        bodyUnparsable = true;
      }
    }
    return { status: response.status, headers: response.headers, body, bodyUnparsable, durationMs };
  };
}

function toTransportError(
  error: unknown,
  timeout: AbortSignal,
  request: TransportRequest,
  afterStatus: boolean,
): TransportError {
  const where = afterStatus ? 'while reading the response' : 'before a response arrived';
  if (timeout.aborted) {
    return new TransportError(
      'TIMEOUT',
      `no complete response within ${request.timeoutMs} ms (${where})`,
      afterStatus,
    );
  }
  if (request.signal?.aborted) return new TransportError('ABORTED', `request aborted ${where}`, afterStatus);
  const code = errorCode(error) ?? 'NETWORK';
  return new TransportError(code, `network error ${code} ${where}`, afterStatus);
}
