import { toAsciiHost } from './host.js';
import { stripInvisible } from './invisible.js';
import { fail, type Normalized, ok, quote } from './result.js';

/** The practical subset of RFC 5322's dot-atom local part: no quoting, no comments, no spaces. */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Strips what surrounds an address in exports: `"Jane Doe" <jane@x.com>`, `Jane <jane@x.com>`,
 * `<jane@x.com>`, `mailto:jane@x.com?subject=Hi`.
 */
function bareAddress(raw: string): string {
  let value = raw.trim();
  const angled = /<([^<>]*)>\s*$/.exec(value);
  if (angled) value = (angled[1] ?? '').trim();
  value = value.replace(/^mailto:/i, '');
  const query = value.indexOf('?');
  if (query >= 0 && raw.trim().toLowerCase().includes('mailto:')) value = value.slice(0, query);
  return value.trim();
}

/**
 * A plain address, already lower-cased: a dot-atom local part of the common characters, then a host of
 * plain labels and a letter TLD. Everything it accepts the full path accepts unchanged; lengths are checked
 * beside it.
 */
const PLAIN_ADDRESS =
  /^([a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*)@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** One e-mail address → its canonical lower-case form (IDN domains in punycode), or why it is not one. */
export function normalizeEmail(raw: string): Normalized<string> {
  // Runs for every contact of an export, and nearly every address is plain: it answers with one regular
  // expression instead of the full path's dozen steps (test/normalize/fast-paths.test.ts holds it to them).
  const plain = raw.trim().toLowerCase();
  const match = PLAIN_ADDRESS.exec(plain);
  if (match && match[1]!.length <= 64 && plain.length <= 254) return ok(plain);
  return normalizeEmailFully(raw);
}

/** The general path of normalizeEmail, for every input. Exported for the test of the fast path. */
export function normalizeEmailFully(cell: string): Normalized<string> {
  // An invisible character never takes the fast path above (its pattern is ASCII), so stripping here costs
  // plain addresses nothing.
  const raw = stripInvisible(cell);
  const address = bareAddress(raw).toLowerCase();
  const shown = quote(raw.trim());
  if (address === '') return fail('the e-mail address is empty.');
  if (/\s/.test(address)) {
    return fail(`${shown} is not a valid e-mail address (it contains a space); correct it in the export.`);
  }
  const at = address.lastIndexOf('@');
  if (at < 0)
    return fail(`${shown} is not a valid e-mail address (it has no "@"); correct it in the export.`);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).replace(/\.$/, '');
  if (local === '' || domain === '') {
    return fail(
      `${shown} is not a valid e-mail address (nothing ${local === '' ? 'before' : 'after'} the "@"); correct it in the export.`,
    );
  }
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return fail(
      `${shown} is not a valid e-mail address (the part before "@" has characters or dots an address cannot have); correct it in the export.`,
    );
  }
  const host = toAsciiHost(domain);
  const labels = host?.split('.') ?? [];
  const tld = labels[labels.length - 1] ?? '';
  if (host === null || labels.length < 2 || !TLD.test(tld)) {
    return fail(
      `${shown} is not a valid e-mail address (the domain after "@" is not a valid domain like example.com); correct it in the export.`,
    );
  }
  const normalized = `${local}@${host}`;
  if (normalized.length > 254)
    return fail(`${shown} is longer than an e-mail address can be (254 characters).`);
  return ok(normalized);
}

/**
 * Splits a cell that holds several addresses (`a@x.com, b@x.com`, `;` or whitespace separated, display
 * names allowed) into the raw pieces, in order. Each piece still needs normalizeEmail.
 */
export function splitEmails(raw: string): string[] {
  // The usual cell holds one address: nothing to split (the fast-path test holds this to the full path).
  if (!raw.includes(',') && !raw.includes(';')) {
    const trimmed = raw.trim();
    if (trimmed === '') return [];
    if (!/\s/.test(trimmed)) return [trimmed];
  }
  return splitEmailsFully(raw);
}

/** The general path of splitEmails. Exported for the test of the fast path. */
export function splitEmailsFully(raw: string): string[] {
  // 1. Split on , and ; outside quotes and angle brackets.
  const pieces: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (const char of raw) {
    if (char === '"' && !inAngle) inQuotes = !inQuotes;
    else if (char === '<' && !inQuotes) inAngle = true;
    else if (char === '>' && !inQuotes) inAngle = false;
    if ((char === ',' || char === ';') && !inQuotes && !inAngle) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);

  // 2. A piece with a display name (`Jane Doe <j@x.com>`) stays whole; otherwise whitespace separates
  //    addresses (`a@x.com b@y.com`).
  const split: string[] = [];
  for (const piece of pieces.map((p) => p.trim()).filter((p) => p !== '')) {
    if (piece.includes('<') || !/\s/.test(piece)) {
      split.push(piece);
      continue;
    }
    const words = piece.split(/\s+/);
    if (words.filter((word) => word.includes('@')).length >= 2 && words.every((word) => word.includes('@'))) {
      split.push(...words);
    } else {
      split.push(piece);
    }
  }

  // 3. An unquoted display name with a comma (`Doe, Jane <j@x.com>`) was cut in two: glue a piece that has
  //    no "@" back onto a following display-name piece.
  const merged: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const piece = split[i] ?? '';
    const next = split[i + 1];
    if (!piece.includes('@') && next !== undefined && /^[^<@]*<[^<>]*@[^<>]*>$/.test(next)) {
      split[i + 1] = `${piece}, ${next}`;
      continue;
    }
    merged.push(piece);
  }
  return merged;
}
