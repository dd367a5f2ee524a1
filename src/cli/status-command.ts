import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, ImportError } from '../core/errors.js';
import { OBJECT_TYPES } from '../core/objects.js';
import { Journal } from '../run/journal.js';
import { PLAN_FILE } from '../run/plan-file.js';
import { type RollbackDone, rollbackSince } from '../run/rollback-status.js';
import { activeHolder, describeHolder } from '../run/state-lock.js';
import { DEFAULT_STATE_DIR } from './common-options.js';
import { countOf } from './object-count.js';

interface PhaseStatus {
  done: number;
  pending: number;
  failed: number;
}

export function registerStatusCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('status')
    .description('progress and outcome of the run in that state dir')
    .option('--state <dir>', 'journal and reports of this import', DEFAULT_STATE_DIR)
    .option('--json', 'print the status as JSON')
    .action((options: { state: string; json?: boolean }) => {
      setExit(statusCommand(options));
    });
}

function statusCommand(options: { state: string; json?: boolean }): number {
  if (!existsSync(join(options.state, 'journal.db'))) {
    throw new ImportError('USAGE', `${options.state}: no import has been planned or run here`, {
      hint: 'pass the --state directory of a plan or run',
    });
  }
  const journal = Journal.open(options.state);
  try {
    const run = journal.latestRun();
    if (!run) throw new ImportError('USAGE', `${options.state}: the journal holds no run yet`);
    const phases: Record<string, PhaseStatus> = {};
    for (const object of OBJECT_TYPES) phases[object] = { done: 0, pending: 0, failed: 0 };
    for (const group of journal.countOutcomes(run.id)) {
      const phase = phases[group.object]!;
      if (group.outcome === 'failed') phase.failed += group.n;
      else if (group.outcome === null) phase.pending += group.n;
      else phase.done += group.n;
    }
    // A command working here now (its lock is held): the counts are moving, and "resume" would be wrong.
    const holder = activeHolder(options.state);
    const links = journal.linkTotals(run.id);
    phases.links = { done: links.deals - links.pending, pending: links.pending, failed: links.failed };
    // A run rolled back is not resumed: the next `run` plans a new import (see run-command.ts).
    const rolledBack = run.mode === 'run' ? rollbackSince(options.state, run.started_at) : undefined;
    const resumable =
      holder === undefined &&
      rolledBack === undefined &&
      run.mode === 'run' &&
      ['planning', 'planned', 'running', 'interrupted', 'aborted'].includes(run.status);
    const stoppedUnfinished = holder === undefined && ['planning', 'running'].includes(run.status);
    const status = {
      run: run.id,
      mode: run.mode,
      status: run.status,
      source: run.source,
      target: run.target,
      started_at: run.started_at,
      finished_at: run.finished_at,
      requests: run.requests,
      phases,
      resumable,
      rolled_back: rolledBack
        ? {
            at: rolledBack.at,
            deleted: rolledBack.deleted,
            links_removed: rolledBack.linksRemoved,
            complete: rolledBack.left === 0,
          }
        : null,
      // A holder whose note is not written yet, or is gone, is in progress all the same: its details are null.
      in_progress: holder
        ? { command: holder.command || null, pid: holder.pid || null, since: holder.started || null }
        : null,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return EXIT.ok;
    }
    const lines = [
      `Run ${run.id} (${run.mode}, ${run.source}) — ${run.status}${stoppedUnfinished ? ' (stopped: no command is working here now)' : ''}`,
      `  target: ${run.target}`,
      `  started: ${run.started_at}${run.finished_at ? `, finished: ${run.finished_at}` : ''}`,
      `  ${'phase'.padEnd(10)} ${'done'.padStart(8)} ${'pending'.padStart(8)} ${'failed'.padStart(8)}`,
      ...Object.entries(phases).map(
        ([name, p]) =>
          `  ${name.padEnd(10)} ${String(p.done).padStart(8)} ${String(p.pending).padStart(8)} ${String(p.failed).padStart(8)}`,
      ),
      holder
        ? `  In progress: ${describeHolder(holder)}; these counts are as of now.`
        : rolledBack
          ? rollbackText(rolledBack)
          : resumable
            ? '  Can resume: run the same `clarify-import run` command with this --state.'
            : run.status === 'finished'
              ? '  Finished. A new `run` with the same exports changes nothing unless they were edited.'
              : run.mode === 'plan'
                ? `  This is a plan: nothing was written. It is in ${join(options.state, PLAN_FILE)}, to read. \`clarify-import run\` with the same exports imports them: it plans again against the workspace as it is then, and does not read that file.`
                : '',
    ];
    process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    journal.close();
  }
}

/**
 * A run rolled back is not "finished, nothing to change": the counts above say what the run did, this says
 * what is left of it in the workspace and what a new run would do.
 */
function rollbackText(done: RollbackDone): string {
  const objects = (['company', 'person', 'deal'] as const)
    .filter((object) => done.deleted[object] > 0)
    .map((object) => countOf(done.deleted[object], object));
  const what = [
    objects.length > 0 ? `deleted the ${objects.join(', ')} this import created` : '',
    done.linksRemoved > 0
      ? `removed the ${done.linksRemoved} deal–person ${done.linksRemoved === 1 ? 'link' : 'links'} it added to existing deals`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const head = `  Rolled back${done.left > 0 ? ' in part' : ''} at ${done.at}: ${what}.`;
  return done.left > 0
    ? `${head}\n  ${done.left} records this import created are still in the workspace: run \`clarify-import rollback\` with this --state again to finish.`
    : `${head}\n  A new \`run\` with the same exports creates them again (the records it only updated were kept).`;
}
