/**
 * Fault 6: kill -9 of the CLI at 10 random points of one run. A clean run (same latency) measures the run's
 * timeline: its working time D (start to last batch or link journaled), its planning time P, and its progress over time (batches + links done, from its
 * journal). Ten points t1 < … < t10 are drawn from a fixed seed, three in (0, P) and seven in (P, D), and the k-th process (each a re-run with
 * the same --state) is SIGKILLed at the point t(k) of the run: a point in the planning phase kills a process that
 * plans that long after its start (a run killed while planning plans again from scratch); a later point is the
 * progress the clean run had made by then, and the process is killed when its journal reaches it — so the kills
 * walk through planning, companies, people, deals and links, whatever time each resume spends on its start-up and
 * on reconciling what the previous kill left in flight. After the last kill the run is resumed until it finishes.
 * The final workspace equals a clean run's, with zero duplicates and every row accounted for. A second variant
 * adds lost responses (5%) on top.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { type CliResult, spawnCli } from '../e2e/helpers.js';
import { progress } from '../e2e/journal-watch.js';
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
  seededRandom,
  sleep,
  stateDir,
  unitsAt,
} from './helpers.js';
import { resumes, runPhase } from './journal.js';

const LATENCY_MS = 60;
const KILLS = 10;

let exp: Export;
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 15, contacts: 60, deals: 30, seed: 606, problems: true });
  reference = await cleanReference(exp, { latencyMs: LATENCY_MS });
});

afterAll(() => assertNoLeaks());

/**
 * Starts `args` and SIGKILLs it as soon as `due(msSinceSpawn)` holds (polled every 2 ms), unless it exits first.
 */
/** When the clean run's journal reached its last batch or link. */
function writtenMs(reference: Reference): number {
  const total = Math.max(0, ...reference.timeline.map(([, units]) => units));
  return reference.timeline.find(([, units]) => units === total)?.[0] ?? reference.ms;
}

async function killWhen(
  args: string[],
  due: (ms: number) => boolean,
): Promise<{ killed: boolean; result: CliResult; atMs: number }> {
  const started = Date.now();
  const { child, done } = spawnCli(args, { timeoutMs: 60_000 });
  let exited = false;
  void done.then(() => {
    exited = true;
  });
  while (!exited && !due(Date.now() - started)) await sleep(2);
  const atMs = Date.now() - started;
  if (!exited) child.kill('SIGKILL');
  const result = await done;
  return { killed: result.signal === 'SIGKILL', result, atMs };
}

const VARIANTS: { name: string; seed: number; sandbox: SandboxOptions }[] = [
  { name: 'kill -9 ×10', seed: 6, sandbox: {} },
  { name: 'kill -9 ×10 with lost responses (5%)', seed: 7, sandbox: { lostResponseRate: 0.05, seed: 7 } },
];

describe('kill -9 of the CLI at 10 random points of one run', () => {
  for (const variant of VARIANTS) {
    it(`${variant.name}: same workspace as a clean run, zero duplicates`, async () => {
      const random = seededRandom(variant.seed);
      // Within the run's working time: from its start to its last journaled batch or link (what follows is the
      // reports and the exit, where a kill would race the end of the run).
      // Most of a small run's time is start-up and planning; a uniform draw would spend most kills there.
      // Three points fall in the planning phase, seven in the writing phase (companies → people → deals → links).
      const span = writtenMs(reference);
      const planning = reference.plannedMs;
      const points = Array.from({ length: KILLS }, (_, index) =>
        index < 3 ? random() * planning : planning + random() * (span - planning),
      ).sort((a, b) => a - b);
      const api = await sandbox({ latencyMs: LATENCY_MS, ...variant.sandbox });
      try {
        const state = stateDir('kill');
        const args = runArgs(api.url, state, exp.files);
        const kills: number[] = [];
        /** Where each kill left the journal: batches and links done, or still planning. */
        const landed: string[] = [];
        const results: CliResult[] = [];
        let finished = false;
        for (let k = 0; k < KILLS && !finished; k++) {
          // A point in the clean run's planning phase kills a process that plans (no plan in the journal yet, or a
          // plan cut off while it was written) that long after its start. A later point is the clean run's progress
          // at that moment (batches + links done): the process is killed when the journal reaches it, whatever
          // time the resume spent on its start-up and on reconciling the batches the last kill left in flight.
          const t = points[k]!;
          const target = unitsAt(reference, t);
          const resuming = resumes(runPhase(state));
          const seen = api.stats().requests;
          const due =
            t < reference.plannedMs && !resuming
              ? (ms: number) => ms >= t
              : () => {
                  const p = progress(state);
                  const reached =
                    api.stats().requests > seen && (p?.batchesDone ?? 0) + (p?.linksDone ?? 0) >= target;
                  // Not once the journal says finished (only the reports are left to write): a re-run then starts a
                  // new import, a no-op whose report shows every row unchanged — see the note in the report.
                  return reached && runPhase(state).status !== 'finished';
                };
          const { killed, result, atMs } = await killWhen(args, due);
          results.push(result);
          if (killed) {
            kills.push(atMs);
            const p = runPhase(state);
            landed.push(resumes(p) ? `${p.batchesDone}b+${p.linksDone}l` : p.status);
          } else if (result.code === 0 || result.code === 1) finished = true;
          else expect(result.code, result.stderr).toBe(3);
        }
        if (!finished) results.push(...(await runUntilDone(() => args)));
        expect(results.at(-1)!.code).toBe(reference.exit);
        reportFaults(variant.name, {
          ...faultsOf(api.stats()),
          kills: kills.length,
          killDelaysMs: kills,
          killedAt: landed,
          cleanRunMs: reference.ms,
          cleanWrittenMs: writtenMs(reference),
          plannedMs: reference.plannedMs,
          exits: exitCodes(results),
        });
        expect(kills.length, 'kills that landed before the run finished').toBeGreaterThanOrEqual(7);
        expect(landed.filter((l) => /^\d+b/.test(l)).length, 'kills mid-write').toBeGreaterThanOrEqual(2);
        // A kill can race the end of the run: sent while the last link was done, it may land after the journal
        // said finished (only the reports left to write). The next `run` is then a new, no-op import.
        expectSameAsClean(api.dump(), state, exp, reference, { noOpRerun: landed.includes('finished') });
      } finally {
        await api.close();
      }
    }, 120_000);
  }
});
