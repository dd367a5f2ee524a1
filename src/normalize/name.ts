import { collapseWhitespace } from '../core/whitespace.js';

/** Salutations dropped from the front of a full name. */
const SALUTATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'mme',
  'mlle',
  'm',
]);

/** Particles that belong to the last name when they come between first and last name. */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'des',
  'dos',
  'das',
  'do',
  'la',
  'le',
  'ter',
  'ten',
  'te',
  'zu',
  'bin',
  'ibn',
  'al',
  "van't",
  'st.',
]);

/** Generational and academic suffixes: `Doe, Jr.` is not "Jr. Doe". */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'esq', 'cpa']);

function bare(word: string): string {
  return word.toLowerCase().replace(/\.$/, '');
}

function stripSalutation(words: string[]): string[] {
  // "M" alone is too ambiguous (an initial), so it only counts with a dot: "M. Dupont".
  const first = words[0];
  if (words.length < 2 || first === undefined) return words;
  const key = bare(first);
  if (!SALUTATIONS.has(key) || (key === 'm' && !first.endsWith('.'))) return words;
  return words.slice(1);
}

/**
 * A full name → first and last name. Handles `Doe, Jane`, salutations (`Dr. Jane Doe`), particles
 * (`Jean-Luc van der Berg` → Jean-Luc / van der Berg) and single names (first name only).
 * Middle names stay with the first name: `Mary Ann Smith` → Mary Ann / Smith.
 */
export function splitFullName(full: string): { first_name: string; last_name: string } {
  const text = collapseWhitespace(full.trim());
  if (text === '') return { first_name: '', last_name: '' };

  const comma = text.indexOf(',');
  if (comma >= 0) {
    const before = text.slice(0, comma).trim();
    const after = text.slice(comma + 1).trim();
    const afterWords = after.split(' ').filter((w) => w !== '');
    const isSuffix =
      afterWords.length > 0 && afterWords.every((w) => SUFFIXES.has(bare(w.replace(/,$/, ''))));
    if (!isSuffix && before !== '' && after !== '') {
      // "Doe, Jane" / "Doe, Dr. Jane": the part before the comma is the last name.
      const firstWords = stripSalutation(afterWords);
      return { first_name: firstWords.join(' '), last_name: before };
    }
    if (isSuffix && before !== '') {
      const split = splitFullName(before);
      return split.last_name === ''
        ? { first_name: split.first_name, last_name: after }
        : { first_name: split.first_name, last_name: `${split.last_name}, ${after}` };
    }
  }

  const words = stripSalutation(text.split(' '));
  if (words.length === 1) return { first_name: words[0] ?? '', last_name: '' };

  let lastStart = words.length - 1;
  const lastWord = words[lastStart] ?? '';
  // "Jane Doe Jr." → the suffix stays with the last name.
  if (SUFFIXES.has(bare(lastWord)) && lastStart > 1) lastStart -= 1;
  while (lastStart > 1 && PARTICLES.has((words[lastStart - 1] ?? '').toLowerCase())) lastStart -= 1;
  return { first_name: words.slice(0, lastStart).join(' '), last_name: words.slice(lastStart).join(' ') };
}
