/**
 * Fault 3: 429s with Retry-After. The sandbox allows 5 requests per second per endpoint (one second of burst) and
 * answers the rest 429 with Retry-After. A 429 is answered before any handler runs, so it is retried as is.
 *
 * The client paces itself from X-RateLimit-Remaining, so on its own it meets only a few 429s. The storm variant
 * adds a noisy neighbour sharing the budget: for the first 4 s of the run it sends 40 requests per second to every
 * endpoint the import uses (with a wrong key, so it writes nothing), so the budget is always spent and every
 * request the CLI sends meanwhile is refused with Retry-After; the client then pauses all its requests (not only
 * the refused one) until the Retry-After has passed, so it meets about one 429 per second of storm.
 * Either way the final workspace equals a clean run's, with zero duplicates and every row accounted for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE } from '../e2e/helpers.js';
import { assertNoLeaks } from '../e2e/leaks.js';
import {
  cleanReference,
  type Export,
  exitCodes,
  expectSameAsClean,
  faultsOf,
  makeExport,
  type Reference,
  reportFaults,
  runArgs,
  runUntilDone,
  sandbox,
  sleep,
  stateDir,
} from './helpers.js';

let exp: Export;
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 6, contacts: 20, deals: 10, seed: 303, problems: true });
  reference = await cleanReference(exp);
});

afterAll(() => assertNoLeaks());

/** Drains the rate budget of the import's endpoints for `ms`; returns how many 429s the neighbour itself got. */
async function noisyNeighbour(url: string, ms: number): Promise<number> {
  const root = `${url}/workspaces/${WORKSPACE}/objects`;
  const endpoints: Array<[string, string]> = [
    ['GET', `${root}/company/resources`],
    ['POST', `${root}/company/records/bulk`],
    ['PATCH', `${root}/company/records`],
    ['GET', `${root}/deal/records/deal_x/relationships/people`],
    ['PATCH', `${root}/deal/records/deal_x/relationships/people`],
  ];
  const headers = { Authorization: 'api-key not-the-key', 'Content-Type': 'application/json' };
  const answers: Array<Promise<number>> = [];
  const until = Date.now() + ms;
  // One request per endpoint every 25 ms (40/s against a budget of 5/s), without waiting for the answers.
  while (Date.now() < until) {
    for (const [method, target] of endpoints) {
      answers.push(
        fetch(target, { method, headers, ...(method === 'GET' ? {} : { body: '{"data":[]}' }) })
          .then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          })
          .catch(() => 0),
      );
    }
    await sleep(25);
  }
  const throttled = (await Promise.all(answers)).filter((status) => status === 429).length;
  return throttled;
}

describe('429 with Retry-After (rateLimit 5/s per endpoint)', () => {
  it('the rate limit alone: same workspace as a clean run, zero duplicates', async () => {
    const api = await sandbox({ rateLimit: 5, seed: 3 });
    try {
      const state = stateDir('429');
      const started = Date.now();
      const results = await runUntilDone(() => runArgs(api.url, state, exp.files));
      expect(results.at(-1)!.code).toBe(reference.exit);
      const faults = faultsOf(api.stats());
      reportFaults('429 rate limit 5/s', { ...faults, exits: exitCodes(results), ms: Date.now() - started });
      expectSameAsClean(api.dump(), state, exp, reference);
    } finally {
      await api.close();
    }
  }, 90_000);

  it('a 429 storm (the budget drained by a neighbour for 4 s): same workspace as a clean run', async () => {
    const api = await sandbox({ rateLimit: 5, seed: 3 });
    try {
      const state = stateDir('429-storm');
      const started = Date.now();
      const neighbour = noisyNeighbour(api.url, 4_000);
      const results = await runUntilDone(() => runArgs(api.url, state, exp.files));
      const neighbourThrottled = await neighbour;
      expect(results.at(-1)!.code).toBe(reference.exit);
      const all = faultsOf(api.stats());
      const faults = { ...all, rateLimited: all.rateLimited - neighbourThrottled };
      reportFaults('429 storm (rate limit 5/s, budget drained for 4 s)', {
        ...faults,
        neighbourThrottled,
        exits: exitCodes(results),
        ms: Date.now() - started,
      });
      // The client pauses on Retry-After globally, so it meets about one 429 per second of storm, not hundreds.
      expect(faults.rateLimited).toBeGreaterThanOrEqual(3);
      expectSameAsClean(api.dump(), state, exp, reference);
    } finally {
      await api.close();
    }
  }, 90_000);
});
