import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

/**
 * `Authorization: api-key KEY` is the only accepted form; `Bearer KEY` is a 401 as on Clarify.
 * Keys are compared by hash in constant time, and never appear in a response or a log line.
 */
const digest = (value: string) => createHash('sha256').update(value).digest();

export function makeAuthCheck(apiKey: string): (header: string | undefined) => void {
  const expected = digest(apiKey);
  return (header) => {
    const match = header === undefined ? null : /^api-key +(\S+) *$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      throw new ApiError(401, 'Missing or invalid API key: send the header "Authorization: api-key <KEY>"');
    }
  };
}
