/** The Clarify API client: auth, JSON:API, pagination, pacing, retry policy, transient vs terminal. */
export { type Classification, classify, type TerminalReason, type TransientReason } from './classify.js';
export {
  type ClarifyClient,
  type ClientConfig,
  createClient,
  type ListOptions,
  type ObjectSlug,
  type SchemaResult,
} from './client.js';
export { type ApiErrorDetail, parseErrorBody } from './error-body.js';
export { ApiError, isDuplicateError, isUncertainOutcome, UncertainOutcome } from './errors.js';
export type { HttpResponse } from './http-types.js';
export { Pacer, type PacerFeedback, type PacerOptions, type PacerSnapshot, type Permit } from './pacer.js';
export { parseRateLimitReset, parseRetryAfter } from './rate-headers.js';
export type { ClarifyRecord, Filter } from './records.js';
export type { RequestInfo } from './requester.js';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type Decision,
  decide,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy.js';
export { parseField, parseWorkspaceSchema } from './schema.js';
export type { ClientStats, EndpointStats } from './stats.js';
export { assertSafeBaseUrl } from './url.js';
