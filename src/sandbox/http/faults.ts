import type { Random } from '../prng.js';

/**
 * Fault plan for one API request. Every request draws exactly three numbers, whatever the rates,
 * so the sequence of faults depends only on the seed and the order of requests.
 */
export interface FaultDecision {
  /** A 5xx status to answer before anything is written, or undefined. */
  serverError: number | undefined;
  /** Commit, then drop the connection instead of answering. */
  loseResponse: boolean;
}

const SERVER_ERRORS = [503, 502, 500];

export function drawFaults(random: Random, faultRate: number, lostResponseRate: number): FaultDecision {
  const fault = random();
  const kind = random();
  const lost = random();
  return {
    serverError: fault < faultRate ? SERVER_ERRORS[Math.floor(kind * SERVER_ERRORS.length)] : undefined,
    loseResponse: lost < lostResponseRate,
  };
}
