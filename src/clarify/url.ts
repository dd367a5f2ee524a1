import { ImportError } from '../core/errors.js';

/** Hosts that never leave the machine, so plain http cannot leak the API key on the wire. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // IPv4-mapped IPv6 loopback, as URL normalizes it (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  return false;
}

/**
 * `--api-url` safety: the API key travels in a header, so the base URL must be https, or plain http on a
 * loopback host (the local sandbox). Returns the parsed URL without a trailing slash.
 */
export function assertSafeBaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportError('INSECURE_URL', `The API URL is not a valid URL: ${JSON.stringify(url)}`, {
      hint: 'Pass the API base including /v1, e.g. https://api.clarify.ai/v1',
    });
  }
  if (parsed.username || parsed.password) {
    throw new ImportError('INSECURE_URL', 'The API URL must not contain credentials', {
      hint: 'Put the API key in CLARIFY_API_KEY or --api-key-file, never in the URL',
    });
  }
  const ok = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  if (!ok) {
    throw new ImportError('INSECURE_URL', `Refusing to send the API key to ${parsed.origin}: not https`, {
      hint: 'Use an https:// URL; plain http is only allowed for 127.0.0.1, ::1 or localhost',
    });
  }
  parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

/** Query parameters in order; values are encoded with %20 for spaces and %5B/%5D for brackets. */
export type QueryParams = ReadonlyArray<readonly [string, string | number]>;

export function encodeQuery(params: QueryParams): string {
  if (params.length === 0) return '';
  return `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

/**
 * Rebuild a server-sent link (links.next) on the configured base: keep only its path and query, so a link
 * with another scheme or host (the live API reportedly emits http://) never redirects the API key.
 * Returns undefined when the link's path is not under the configured base path.
 */
export function rebaseLink(link: string, base: URL, requestUrl: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(link, requestUrl);
  } catch {
    return undefined;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (basePath && !parsed.pathname.startsWith(`${basePath}/`)) return undefined;
  return `${base.origin}${parsed.pathname}${parsed.search}`;
}
