import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { ReportWriter } from '../report/index.js';
import { Journal } from '../run/journal.js';
import { discardPartialPlan, PLAN_FILE } from '../run/plan-file.js';
import { preparePlan } from '../run/prepare.js';
import { plannedOutcomeRow, reportInputFromJournal } from '../run/report-from-journal.js';
import { warmSourceThread } from '../run/source-thread.js';
import { addCommonOptions, type CommonOptions, parseIntegerOption, parseSource } from './common-options.js';
import { connectWithStateLock } from './connect.js';
import { loadMapping } from './mapping-file.js';
import { fileIssueLine, Output } from './output.js';
import { failedRows, summaryText } from './summary-text.js';

export function registerPlanCommand(program: Command, setExit: (code: number) => void): void {
  addCommonOptions(
    program
      .command('plan')
      .description('read, validate and match the exports; write the plan and reports; change nothing')
      .argument('<path...>', 'export files or directories of them'),
  ).action(async (paths: string[], options: CommonOptions) => {
    setExit(await planCommand(paths, options));
  });
}

async function planCommand(paths: string[], options: CommonOptions): Promise<number> {
  // The export reader thread loads while this command starts (see warmSourceThread).
  warmSourceThread();
  const output = new Output(options);
  const mapping = await loadMapping(options.mapping);
  const source = parseSource(options.source);
  const batchSize = parseIntegerOption('--batch-size', options.batchSize, 1, 25) ?? 25;
  const { connection, lock } = await connectWithStateLock(options, 'plan');
  const journal = lock.guard(() => Journal.open(options.state));
  const started = Date.now();
  const reportDir = join(options.state, 'report');
  // Each row's report line is written as it is planned, while the reader thread parses ahead: the reports
  // cost no pass of their own over a million rows. They are published only once they match the journal.
  let reports: ReportWriter | undefined;
  // A plan writes nothing to the workspace, so stopping it loses nothing: say so and exit as interrupted.
  const onSignal = (signal: NodeJS.Signals) => {
    output.warn(
      `${signal}: planning stopped; nothing was written to the workspace. Run plan again to plan from the start.`,
    );
    reports?.discardNow();
    discardPartialPlan(options.state);
    journal.close();
    lock.release();
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const prepared = await preparePlan(journal, connection.snapshot, {
      paths,
      source,
      mapping,
      batchSize,
      mode: 'plan',
      // A plan is only reported on: its rows go to plan.jsonl, not into the journal row by row.
      store: 'file',
      target: connection.target,
      onStage: (stage) => output.stage(stage),
      onPlanned: (record) => {
        if (reports) return reports.add(plannedOutcomeRow(record));
        return ReportWriter.open(reportDir).then((opened) => {
          reports = opened;
          return opened.add(plannedOutcomeRow(record));
        });
      },
    }).catch(async (error: unknown) => {
      await reports?.discard();
      throw error;
    });
    journal.addRunCost(prepared.runId, connection.snapshot.requestCount(), Date.now() - started);
    for (const issue of prepared.fileIssues) {
      if (issue.severity !== 'info') output.warn(fileIssueLine(issue));
    }
    const input = reportInputFromJournal(journal, prepared.runId);
    output.stage('writing the reports');
    // A plan without a single row still gets its (empty) reports.
    reports ??= await ReportWriter.open(reportDir);
    const published = await reports.finish(input);
    if (options.json) output.result(`${JSON.stringify(input.summary)}\n`);
    else if (!output.quiet) {
      output.result(
        `${summaryText(input.summary, reportDir, published.warnings)}Plan: ${join(options.state, PLAN_FILE)} (a line per row: what would be sent)\n`,
      );
    }
    return failedRows(input.summary) > 0 ? EXIT.someRowsFailed : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    journal.close();
    lock.release();
  }
}
