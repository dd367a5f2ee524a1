import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Lower-cases a host name and converts an internationalized one to punycode (bücher.de → xn--bcher-kva.de).
 * Returns null when it is not a syntactically valid DNS name (spaces, underscores, empty labels...).
 */
export function toAsciiHost(host: string): string | null {
  const lowered = host.normalize('NFC').toLowerCase();
  if (lowered === '' || /\s/.test(lowered)) return null;
  const ascii = /^[\x00-\x7f]*$/.test(lowered) ? lowered : domainToASCII(lowered);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  return labels.every((label) => LABEL.test(label)) ? ascii : null;
}
