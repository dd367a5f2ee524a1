/**
 * Name similarity for "did you mean" and "closest attribute" suggestions: Levenshtein distance on
 * folded names, plus a token overlap so that `Job Title (current)` still finds `job_title`.
 */
import { levenshtein } from '../core/levenshtein.js';

function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export { levenshtein };

/** 0..1: 1 for the same name after folding. The better of edit similarity and token overlap. */
export function similarity(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const edit = 1 - levenshtein(x, y) / Math.max(x.length, y.length);
  const xs = new Set(x.split(' '));
  const ys = new Set(y.split(' '));
  const shared = [...xs].filter((token) => ys.has(token)).length;
  const tokens = shared / Math.max(xs.size, ys.size);
  return Math.max(edit, tokens);
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
}

/** The most similar candidate by name or alias (ties: first listed), with its score. */
export function mostSimilar(
  wanted: string,
  candidates: readonly NamedCandidate[],
): { name: string; score: number } | undefined {
  let best: { name: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = Math.max(
      ...[candidate.name, ...(candidate.aliases ?? [])].map((spelling) => similarity(wanted, spelling)),
    );
    if (!best || score > best.score) best = { name: candidate.name, score };
  }
  return best;
}
