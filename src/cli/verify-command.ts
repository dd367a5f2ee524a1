import { existsSync, rmSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { OBJECT_TYPES } from '../core/objects.js';
import { csvLine } from '../report/csv.js';
import { Journal } from '../run/journal.js';
import { warmSourceThread } from '../run/source-thread.js';
import { type VerifyReport, verifyWorkspace } from '../run/verify.js';
import { addCommonOptions, type CommonOptions, parseIntegerOption, parseSource } from './common-options.js';
import { connectWithStateLock } from './connect.js';
import { loadMapping } from './mapping-file.js';
import { Output } from './output.js';

/** Problems listed on the terminal; all of them are in verify.json and verify.csv. */
const LISTED_PROBLEMS = 30;

export function registerVerifyCommand(program: Command, setExit: (code: number) => void): void {
  addCommonOptions(
    program
      .command('verify')
      .description('compare the workspace with the exports, row by row')
      .argument('<path...>', 'export files or directories of them'),
  ).action(async (paths: string[], options: CommonOptions) => {
    setExit(await verifyCommand(paths, options));
  });
}

async function verifyCommand(paths: string[], options: CommonOptions): Promise<number> {
  // The export reader thread loads while this command starts (see warmSourceThread).
  warmSourceThread();
  const output = new Output(options);
  const mapping = await loadMapping(options.mapping);
  const source = parseSource(options.source);
  const batchSize = parseIntegerOption('--batch-size', options.batchSize, 1, 25) ?? 25;
  // Verify writes its reports where a run writes its own: not while one is going on.
  const { connection, lock } = await connectWithStateLock(options, 'verify');
  const { ids, failures } = lock.guard(() => readImportJournal(options.state));
  // A throw-away journal, new each time: verify never touches the import's own.
  const verifyDir = join(options.state, 'verify');
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(verifyDir, `journal.db${suffix}`), { force: true });
  const journal = lock.guard(() => Journal.open(verifyDir));
  try {
    journal.importIdMap(ids);
    const report = await verifyWorkspace(
      journal,
      { snapshot: connection.snapshot, getDealPeople: (dealId) => connection.write.getDealPeople(dealId) },
      {
        paths,
        source,
        mapping,
        batchSize,
        target: connection.target,
        importFailures: failures,
        onStage: (stage) => output.stage(stage),
      },
    );
    const reportDir = join(options.state, 'report');
    await writeReport(reportDir, report);
    if (options.json) output.result(`${JSON.stringify(summaryOf(report))}\n`);
    else if (!output.quiet) output.result(verifyText(report, reportDir, Boolean(options.verbose)));
    return report.ok ? EXIT.ok : EXIT.someRowsFailed;
  } finally {
    journal.close();
    lock.release();
  }
}

/** The ids and failures the import in this state recorded, so verify matches rows as a re-run would. */
function readImportJournal(state: string): {
  ids: ReturnType<Journal['idMapEntries']>;
  failures: Map<string, string>;
} {
  if (!existsSync(join(state, 'journal.db'))) return { ids: [], failures: new Map() };
  const journal = Journal.open(state);
  try {
    return { ids: journal.idMapEntries(), failures: journal.runFailures() };
  } finally {
    journal.close();
  }
}

function summaryOf(report: VerifyReport) {
  return {
    ok: report.ok,
    source: report.source,
    objects: report.objects,
    links: report.links,
    differences: report.differences,
    missing: report.missing,
    missing_links: report.missing_links,
    skipped: report.skipped.length,
    requests: report.requests,
    duration_ms: report.duration_ms,
  };
}

async function writeReport(dir: string, report: VerifyReport): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, 'verify.json'), `${JSON.stringify(report, null, 2)}\n`);
  const lines = [csvLine(['object', 'file', 'line', 'source_id', 'field', 'expected', 'actual'])];
  for (const d of report.differences) {
    lines.push(csvLine([d.object, d.file, d.line, d.source_id, d.field, d.expected, d.actual]));
  }
  for (const m of report.missing) {
    lines.push(csvLine([m.object, m.file, m.line, m.source_id, '', m.reason, '(missing)']));
  }
  for (const l of report.missing_links) {
    lines.push(
      csvLine([
        'deal_people',
        l.file,
        l.line,
        l.deal_source_id,
        'people',
        l.person_source_id,
        '(not linked)',
      ]),
    );
  }
  await writeAtomically(join(dir, 'verify.csv'), lines.join(''));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

function verifyText(report: VerifyReport, reportDir: string, verbose: boolean): string {
  const head = ['object', 'rows', 'matching', 'differing', 'missing', 'skipped'];
  const width = [10, 8, 9, 10, 8, 8];
  const row = (cells: Array<string | number>) =>
    cells
      .map((cell, i) => (i === 0 ? String(cell).padEnd(width[i]!) : String(cell).padStart(width[i]!)))
      .join(' ');
  const links = report.links.deal_people;
  const lines = [
    report.ok
      ? `The workspace matches the exports (${report.source}).`
      : `The workspace differs from the exports (${report.source}).`,
    `  ${row(head)}`,
    ...OBJECT_TYPES.map((object) => {
      const c = report.objects[object];
      return `  ${row([object, c.rows, c.matching, c.differing, c.missing, c.skipped])}`;
    }),
    `  ${row(['links', links.expected, links.found, '', links.missing, links.skipped])}`,
  ];
  const problems = [
    ...report.differences.map(
      (d) =>
        `${d.object} ${d.file}:${d.line} (${d.source_id}) ${d.field}: expected ${JSON.stringify(d.expected)}, actual ${JSON.stringify(d.actual)}`,
    ),
    ...report.missing.map((m) => `${m.object} ${m.file}:${m.line} (${m.source_id}) missing: ${m.reason}`),
    ...report.missing_links.map(
      (l) =>
        `link ${l.file}:${l.line} deal ${l.deal_source_id} → person ${l.person_source_id} missing: ${l.reason}`,
    ),
  ];
  const shown = verbose ? problems : problems.slice(0, LISTED_PROBLEMS);
  if (shown.length > 0) lines.push('', ...shown.map((problem) => `  ${problem}`));
  if (shown.length < problems.length) lines.push(`  … ${problems.length - shown.length} more (--verbose)`);
  lines.push('', `Report: ${join(reportDir, 'verify.json')}, ${join(reportDir, 'verify.csv')}`);
  return `${lines.join('\n')}\n`;
}
