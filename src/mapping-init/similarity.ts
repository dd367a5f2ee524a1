/**
 * Name similarity for "did you mean" and "closest attribute" suggestions: Levenshtein distance on folded
 * names, and word containment so that `Title` still finds `job_title` and `HomePhone` a phone list.
 * A suggestion is a promise that the two are related: below MIN_SUGGESTION_SCORE none is made, since a
 * wrong "closest" (`MasterRecordId` → `name`) is worse than none.
 */
import { levenshtein } from '../core/levenshtein.js';

/**
 * Lowest score worth suggesting. A typo (`Job Titel`, 0.78) and a shortened name (`Title`, 0.8) pass;
 * `Mailing Address` against `email addresses` (0.67, two different words that share letters) does not.
 */
export const MIN_SUGGESTION_SCORE = 0.7;
/** Score of a name whose words all appear in the other name (`Revenue` in `annual revenue`). */
const CONTAINED_SCORE = 0.8;

/** Lower-case words: accents, punctuation and camelCase (`NumberOfEmployees`) split off. */
function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words with a plural `s` dropped, so `employees` meets `employee` and `addresses` meets `address`. */
function words(folded: string): Set<string> {
  return new Set(
    folded
      .split(' ')
      .filter((word) => word !== '')
      .map((word) => {
        if (word.length <= 3 || !word.endsWith('s') || word.endsWith('ss')) return word;
        // `addresses` → `address`, `boxes` → `box`, but `employees` → `employee`.
        return /(ss|x|z|ch|sh)es$/.test(word) ? word.slice(0, -2) : word.slice(0, -1);
      }),
  );
}

const within = (part: Set<string>, whole: Set<string>) => [...part].every((word) => whole.has(word));

export { levenshtein };

/** 0..1: 1 for the same name after folding. The better of edit similarity and word overlap. */
export function similarity(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  if (x === '' || y === '') return 0;
  if (x.replace(/ /g, '') === y.replace(/ /g, '')) return 1;
  const edit = 1 - levenshtein(x, y) / Math.max(x.length, y.length);
  const xs = words(x);
  const ys = words(y);
  const shared = [...xs].filter((word) => ys.has(word)).length;
  return Math.max(edit, shared / Math.max(xs.size, ys.size));
}

/** The candidate a typo most plausibly meant (edit distance within a third of the length), else undefined. */
export function closestName(wanted: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = levenshtein(fold(wanted), fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

export interface NamedCandidate {
  name: string;
  /** Other spellings of the same candidate (e.g. the attribute's title). */
  aliases?: string[];
  /** Words that, found in a name, point to this candidate (`phone` in `HomePhone` → a phone list). */
  keywords?: string[];
}

/** How well `wanted` (a column name) names `candidate`, 0..1. */
function score(wanted: string, candidate: NamedCandidate): number {
  const wantedWords = words(fold(wanted));
  let best = 0;
  for (const spelling of [candidate.name, ...(candidate.aliases ?? [])]) {
    best = Math.max(best, similarity(wanted, spelling));
    // A column named by part of the attribute's name (`Title`, `Revenue`); not the other way round, since
    // nearly every column contains a generic word such as `name` or `date`.
    if (wantedWords.size > 0 && within(wantedWords, words(fold(spelling))))
      best = Math.max(best, CONTAINED_SCORE);
  }
  for (const keyword of candidate.keywords ?? []) {
    // The keyword must be the main part of the name: `HomePhone` is a phone, `EmailBouncedReason` is not
    // an e-mail address.
    const keywordWords = words(fold(keyword));
    if (within(keywordWords, wantedWords) && keywordWords.size * 2 >= wantedWords.size) {
      best = Math.max(best, CONTAINED_SCORE);
    }
  }
  return best;
}

/** The most similar candidate by name, alias or keyword (ties: first listed), if it scores a suggestion. */
export function mostSimilar(
  wanted: string,
  candidates: readonly NamedCandidate[],
): { name: string; score: number } | undefined {
  let best: { name: string; score: number } | undefined;
  for (const candidate of candidates) {
    const value = score(wanted, candidate);
    if (!best || value > best.score) best = { name: candidate.name, score: value };
  }
  return best && best.score >= MIN_SUGGESTION_SCORE ? best : undefined;
}
