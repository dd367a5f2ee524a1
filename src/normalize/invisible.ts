/**
 * Invisible format characters that exports carry inside cells: zero-width space, non-joiner and joiner
 * (U+200B–U+200D), word joiner and the invisible operators (U+2060–U+2064), and a byte-order mark in the
 * middle of a text (U+FEFF, pasted from another file). They show nowhere, yet make `​ann@acme.com` an
 * invalid address and `Ann​` a different name from `Ann`. Bidirectional marks are not among them: in
 * right-to-left names they carry meaning.
 */
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\ufeff]/;
const INVISIBLE_ALL = /[\u200b-\u200d\u2060-\u2064\ufeff]/g;

/** The value without invisible format characters. One regular expression test when there are none. */
export function stripInvisible(value: string): string {
  return INVISIBLE.test(value) ? value.replace(INVISIBLE_ALL, '') : value;
}
