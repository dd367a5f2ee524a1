import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, ImportError } from '../core/errors.js';
import { writeReports } from '../report/index.js';
import { executePlan } from '../run/executor.js';
import { expandInputPaths, fingerprintInputs } from '../run/input-files.js';
import { Journal } from '../run/journal.js';
import { preparePlan } from '../run/prepare.js';
import { reportInputFromJournal, summarize } from '../run/report-from-journal.js';
import { rollbackSince } from '../run/rollback-status.js';
import { stopWarmSourceThread, warmSourceThread } from '../run/source-thread.js';
import { addCommonOptions, type CommonOptions, parseIntegerOption, parseSource } from './common-options.js';
import { confirm } from './confirm.js';
import { connectWithStateLock } from './connect.js';
import { loadMapping } from './mapping-file.js';
import { fileIssueLine, Output } from './output.js';
import { failedRows, summaryText } from './summary-text.js';

export function registerRunCommand(program: Command, setExit: (code: number) => void): void {
  addCommonOptions(
    program
      .command('run')
      .description('import; resumes an interrupted run with the same --state')
      .argument('<path...>', 'export files or directories of them'),
  ).action(async (paths: string[], options: CommonOptions) => {
    setExit(await runCommand(paths, options));
  });
}

export async function runCommand(paths: string[], options: CommonOptions): Promise<number> {
  // The export reader thread loads while this command starts (see warmSourceThread).
  warmSourceThread();
  const output = new Output(options);
  const mapping = await loadMapping(options.mapping);
  const source = parseSource(options.source);
  const batchSize = parseIntegerOption('--batch-size', options.batchSize, 1, 25) ?? 25;
  const files = expandInputPaths(paths);
  const { connection, lock } = await connectWithStateLock(options, 'run');
  const journal = lock.guard(() => Journal.open(options.state));
  const reportDir = join(options.state, 'report');
  const started = Date.now();
  const requestsBefore = connection.write.requestCount();
  let runId: number | undefined;
  let stopRequested = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) process.exit(EXIT.interrupted);
    stopRequested = true;
    output.warn(
      `${signal}: stopping after the requests in flight; run again with the same --state to resume`,
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const previous = journal.latestRunOfMode('run');
    // A run rolled back since it started is not resumed: its journal says created what rollback deleted, so
    // a resume would skip those records and point the rest at them. A new plan creates them again.
    const rolledBack = previous ? rollbackSince(options.state, previous.started_at) : undefined;
    const resumable =
      previous && ['running', 'interrupted', 'aborted'].includes(previous.status) && !rolledBack;
    if (previous && rolledBack && previous.status !== 'finished') {
      output.warn(
        `the unfinished run ${previous.id} in ${options.state} was rolled back: it is not resumed, a new import is planned.`,
      );
    }
    if (resumable) {
      if (previous.inputs !== fingerprintInputs(files)) {
        throw new ImportError(
          'INPUT',
          `the exports differ from those of the unfinished run in ${options.state}`,
          {
            hint: 'resume with the same files, or use a new --state directory to start a new import',
          },
        );
      }
      if (previous.target !== connection.target) {
        throw new ImportError(
          'USAGE',
          `the unfinished run in ${options.state} writes to ${previous.target}, not to ${connection.target}`,
          { hint: 'resume with the same --api-url and --workspace, or use a new --state directory' },
        );
      }
      runId = previous.id;
      // The plan is in the journal already: the exports are not read again.
      stopWarmSourceThread();
      output.info(`Resuming the interrupted import in ${options.state} (run ${runId}).`);
    } else {
      if (previous && previous.status === 'planning') journal.clearRunPlan(previous.id);
      const prepared = await preparePlan(journal, connection.snapshot, {
        paths: files,
        source,
        mapping,
        batchSize,
        mode: 'run',
        target: connection.target,
        onStage: (stage) => output.stage(stage),
      });
      runId = prepared.runId;
      for (const issue of prepared.fileIssues) {
        if (issue.severity !== 'info') output.warn(fileIssueLine(issue));
      }
      const plan = summarize(journal, runId, 'plan');
      if (!output.quiet)
        output.info(
          summaryText(plan, reportDir)
            .replace(/\nHTTP.*$|\n {2}HTTP[^\n]*\nReport[^\n]*\n?$/s, '')
            .trimEnd(),
        );
      if (!(await confirm(`Write this to workspace ${connection.workspace}?`, options))) {
        journal.setRunStatus(runId, 'interrupted');
        output.info('Nothing was written.');
        return EXIT.interrupted;
      }
    }
    journal.setRunStatus(runId, 'running');
    const result = await executePlan(connection.write, journal, runId, {
      parallel: 16,
      shouldStop: () => stopRequested,
      onProgress: (event) => output.progress(event),
    });
    if (result !== 'finished') {
      journal.setRunStatus(runId, 'interrupted');
      return await finish(journal, runId, reportDir, output, options, EXIT.interrupted);
    }
    // Reports first, then "finished": a run killed in between resumes with nothing left to send and only
    // writes its reports again, instead of starting a new import whose report would say "unchanged".
    const code = await finish(journal, runId, reportDir, output, options, undefined, true);
    journal.setRunStatus(runId, 'finished');
    return code;
  } catch (error) {
    if (runId !== undefined) {
      journal.setRunStatus(runId, 'aborted');
      await finish(journal, runId, reportDir, output, options, EXIT.aborted).catch(() => undefined);
    }
    if (error instanceof ImportError) throw error;
    throw new ImportError('NETWORK', `the import stopped: ${(error as Error).message}`, {
      hint: `run the same command again to resume from ${options.state}`,
      cause: error,
    });
  } finally {
    if (runId !== undefined) {
      journal.addRunCost(runId, connection.write.requestCount() - requestsBefore, Date.now() - started);
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    journal.close();
    lock.release();
  }

  async function finish(
    journalRef: Journal,
    id: number,
    dir: string,
    out: Output,
    opts: CommonOptions,
    forced?: number,
    finished = false,
  ): Promise<number> {
    // The journal adds this invocation's cost when it closes; the report counts it already.
    const input = reportInputFromJournal(journalRef, id);
    const run = journalRef.getRun(id);
    input.summary.requests = run.requests + (connection.write.requestCount() - requestsBefore);
    input.summary.duration_ms = run.duration_ms + (Date.now() - started);
    if (finished) input.summary.finished = true;
    const published = await writeReports(dir, input);
    if (opts.json) out.result(`${JSON.stringify(input.summary)}\n`);
    else if (!out.quiet) out.result(summaryText(input.summary, dir, published.warnings));
    if (forced !== undefined) return forced;
    return failedRows(input.summary) > 0 ? EXIT.someRowsFailed : EXIT.ok;
  }
}
