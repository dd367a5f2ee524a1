import { ImportError } from '../core/errors.js';
import type { Classification, TerminalReason, TransientReason } from './classify.js';
import type { ApiErrorDetail } from './error-body.js';

/**
 * A request that failed for good. `label` is what the executor reads:
 *  - 'terminal'  the request is wrong (validation, auth, not found): resending it cannot help;
 *  - 'transient' retries were exhausted (or not allowed) on a failure that may pass later; the request was
 *    certainly NOT processed when this is thrown for a non-idempotent request.
 * Carries the API's details (`status`, `detail`, `pointer`, `recordIndex`), never request headers.
 */
export class ApiError extends ImportError {
  readonly label: 'terminal' | 'transient';
  readonly reason: TerminalReason | TransientReason;
  readonly status: number | undefined;
  readonly details: ApiErrorDetail[];
  /** `details[0]` flattened, for the common single-error case. */
  readonly detail: string;
  readonly pointer: string | undefined;
  readonly recordIndex: number | undefined;
  /** "POST /objects/person/records/bulk" */
  readonly endpoint: string;
  readonly attempts: number;

  constructor(args: {
    label: 'terminal' | 'transient';
    classification: Exclude<Classification, { kind: 'ok' }>;
    details: ApiErrorDetail[];
    endpoint: string;
    attempts: number;
    message: string;
  }) {
    const { classification: c } = args;
    const code =
      c.reason === 'unauthorized' || c.reason === 'forbidden'
        ? 'AUTH'
        : c.kind === 'transient' && c.status === undefined
          ? 'NETWORK'
          : c.reason === 'aborted'
            ? 'INTERRUPTED'
            : 'API';
    const hint =
      c.reason === 'unauthorized'
        ? 'Check CLARIFY_API_KEY (the key is sent as "Authorization: api-key …") and the workspace slug'
        : undefined;
    super(code, args.message, hint ? { hint } : {});
    this.name = 'ApiError';
    this.label = args.label;
    this.reason = c.reason;
    this.status = c.status;
    this.details = args.details;
    const first = args.details[0];
    this.detail = first?.detail ?? '';
    this.pointer = first?.pointer;
    this.recordIndex = args.details.find((d) => d.recordIndex !== undefined)?.recordIndex;
    this.endpoint = args.endpoint;
    this.attempts = args.attempts;
  }
}

/**
 * A non-idempotent request (a create) may or may not have been processed: the response was lost, timed
 * out, or was a 5xx that can come after the commit. The client never resends it; the caller reconciles by
 * looking the records up by unique key (or by exact fields) before deciding to create again.
 */
export class UncertainOutcome extends ImportError {
  readonly label = 'uncertain' as const;
  readonly reason: TransientReason | 'aborted';
  readonly status: number | undefined;
  readonly endpoint: string;
  readonly attempts: number;

  constructor(args: {
    reason: TransientReason | 'aborted';
    status?: number;
    endpoint: string;
    attempts: number;
    message: string;
  }) {
    super('NETWORK', args.message, {
      hint: 'The request may have been applied; look the records up by unique key before sending them again',
    });
    this.name = 'UncertainOutcome';
    this.reason = args.reason;
    this.status = args.status;
    this.endpoint = args.endpoint;
    this.attempts = args.attempts;
  }
}

export function isUncertainOutcome(err: unknown): err is UncertainOutcome {
  return err instanceof UncertainOutcome;
}

const DUPLICATE_TEXT = /duplicate|unique|already exists|already in use|already used|already taken/i;

/** A create that collided with an existing record on a unique field (400 or 422, per the disputed docs). */
export function isDuplicateError(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status !== 400 && err.status !== 422) return false;
  return err.details.some((d) => DUPLICATE_TEXT.test(d.detail) || DUPLICATE_TEXT.test(d.title ?? ''));
}
