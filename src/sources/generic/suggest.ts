import { levenshtein } from '../../core/levenshtein.js';

/** Levenshtein distance, case- and whitespace-insensitive: for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const fold = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  return levenshtein(fold(a), fold(b));
}

/** The candidate closest to `wanted`, when it is close enough to be a plausible typo. */
export function closest(wanted: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(wanted, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}
