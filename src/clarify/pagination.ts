import { rebaseLink } from './url.js';

/**
 * Offset pagination that survives every documented variant of `links.next`: absent, null, relative,
 * another scheme or host (rebuilt on the configured base), or stuck. Stop rules: empty `data`, the count
 * reaching `meta.total_records`, an offset that does not advance, or no next page.
 */
export interface PageBody {
  data?: unknown;
  meta?: { total_records?: unknown; offset?: unknown; limit?: unknown };
  links?: { next?: unknown } | null;
}

export interface PageCursor {
  url: string;
  offset: number;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** page[offset] of a URL (encoded or not); undefined when absent. */
export function offsetOf(url: string): number | undefined {
  try {
    return num(new URL(url).searchParams.get('page[offset]'));
  } catch {
    return undefined;
  }
}

/** The same URL with page[offset] (and page[limit]) set, keeping every other parameter. */
export function withOffset(url: string, offset: number, limit: number): string {
  const u = new URL(url);
  u.searchParams.set('page[offset]', String(offset));
  u.searchParams.set('page[limit]', String(limit));
  // URLSearchParams writes spaces as '+'; %20 is what every server reads the same way.
  return u.toString().replace(/\+/g, '%20');
}

/**
 * Decide the next page after `body` was read from `current`, or undefined to stop.
 * `fetched` counts records read so far, this page included.
 */
export function nextPage(
  body: PageBody,
  current: PageCursor,
  pageSize: number,
  fetched: number,
  base: URL,
): PageCursor | undefined {
  const data = Array.isArray(body.data) ? body.data : [];
  if (data.length === 0) return undefined;
  const total = num(body.meta?.total_records);
  if (total !== undefined && fetched >= total) return undefined;
  const expectedOffset = current.offset + data.length;
  const links = body.links;
  const hasLinks = typeof links === 'object' && links !== null;
  const next = hasLinks ? (links as { next?: unknown }).next : undefined;
  if (typeof next === 'string' && next !== '') {
    const rebased = rebaseLink(next, base, current.url);
    const linkOffset = rebased ? offsetOf(rebased) : undefined;
    if (rebased && linkOffset !== undefined) {
      if (linkOffset <= current.offset) return undefined; // stuck: the offset does not advance
      return { url: rebased, offset: linkOffset };
    }
    // A link we cannot use as is (foreign path, no offset): advance the offset ourselves.
    return { url: withOffset(current.url, expectedOffset, pageSize), offset: expectedOffset };
  }
  if (hasLinks) return undefined; // next is null or absent: last page
  // No links at all: keep going while pages come back full (and the total, if known, is not reached).
  if (data.length < pageSize) return undefined;
  return { url: withOffset(current.url, expectedOffset, pageSize), offset: expectedOffset };
}
