import { parse } from 'tldts';
import { toAsciiHost } from './host.js';
import { stripInvisible } from './invisible.js';
import { fail, type Normalized, ok, quote } from './result.js';

/**
 * A website or host as exports write it (`https://user@www.Shop.Acme.co.uk:8080/path?q`, `www.acme.com.`,
 * `bücher.de`) → the bare registrable domain Clarify expects (`acme.co.uk`, `acme.com`, `xn--bcher-kva.de`).
 *
 * `www.` needs no special case: it is a subdomain like any other (`www.com` itself stays `www.com`).
 * Private public-suffix entries count as suffixes (`acme.github.io` stays `acme.github.io`), so that two
 * companies hosted on the same platform are not merged under `github.io`.
 */
export function normalizeDomain(raw: string): Normalized<string> {
  const input = stripInvisible(raw).trim();
  if (input === '')
    return fail('the domain is empty; enter the company website (e.g. acme.com) or leave it out.');

  let host = input.toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  // Cut the path, query and fragment first, then credentials (user:pass@), then the port.
  host = host.split(/[/?#\\]/, 1)[0] ?? '';
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    return fail(`${quote(raw)} is an IP address, not a domain; use the company website's domain instead.`);
  }
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '');

  const ascii = toAsciiHost(host);
  if (ascii === null) {
    return fail(`${quote(raw)} is not a valid domain or website address; write it like acme.com.`);
  }
  const parsed = parse(ascii, { allowPrivateDomains: true });
  if (parsed.isIp) {
    return fail(`${quote(raw)} is an IP address, not a domain; use the company website's domain instead.`);
  }
  if (parsed.domain === null || !(parsed.isIcann || parsed.isPrivate)) {
    return fail(
      `${quote(raw)} has no public domain suffix (like .com or .co.uk); use the company's public website domain.`,
    );
  }
  return ok(parsed.domain);
}
