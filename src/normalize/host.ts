import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A plain ASCII host: labels of 1–63 letters, digits and inner hyphens. Most hosts of an export are. */
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-cases a host name and converts an internationalized one to punycode (bücher.de → xn--bcher-kva.de).
 * Returns null when it is not a syntactically valid DNS name (spaces, underscores, empty labels...).
 */
export function toAsciiHost(host: string): string | null {
  // Runs for every e-mail address and domain of an export: a plain host answers without the Unicode
  // normalization, the split and a test per label (test/normalize/fast-paths.test.ts holds it to the
  // full path below).
  if (ASCII.test(host)) {
    const lowered = host.toLowerCase();
    if (lowered.length <= 253 && PLAIN_HOST.test(lowered)) return lowered;
  }
  return toAsciiHostFully(host);
}

/** The general path of toAsciiHost, for every host. Exported for the test of the fast path. */
export function toAsciiHostFully(host: string): string | null {
  const lowered = host.normalize('NFC').toLowerCase();
  if (lowered === '' || /\s/.test(lowered)) return null;
  const ascii = /^[\x00-\x7f]*$/.test(lowered) ? lowered : domainToASCII(lowered);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  return labels.every((label) => LABEL.test(label)) ? ascii : null;
}
