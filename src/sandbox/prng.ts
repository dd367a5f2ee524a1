/**
 * mulberry32: a tiny seeded PRNG. Fault injection draws from it so that the same seed and the same
 * request order always inject the same faults — tests of retry logic must be reproducible.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = Math.floor(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
