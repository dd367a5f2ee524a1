/** One HTTP exchange as the transport saw it: status, headers and the parsed JSON body (or the raw text). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, `null` for an empty body, or the raw text when it was not JSON. */
  body: unknown;
  /** True when a non-empty body could not be parsed as JSON. */
  bodyUnparsable: boolean;
  durationMs: number;
}

/**
 * A failure below HTTP: no status line was read (connection refused, reset, timeout, DNS...).
 * `code` is the lowest-level error code found (ECONNREFUSED, UND_ERR_SOCKET, TIMEOUT, ABORTED...).
 * The message never contains request headers.
 */
export class TransportError extends Error {
  readonly code: string;
  /** True when the failure happened while reading a response whose status line had arrived. */
  readonly afterStatus: boolean;
  constructor(code: string, message: string, afterStatus = false) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
    this.afterStatus = afterStatus;
  }
}
