import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, ImportError } from '../core/errors.js';
import type { ObjectType } from '../core/objects.js';
import { quotedAttribute } from '../run/attribute-text.js';
import {
  executeRollback,
  planRollback,
  ROLLBACK_ORDER,
  type RollbackPlan,
  type RollbackResult,
  rollbackIsEmpty,
} from '../run/rollback.js';
import { RollbackJournal } from '../run/rollback-journal.js';
import { StateLock } from '../run/state-lock.js';
import { type CommonOptions, DEFAULT_STATE_DIR, parseIntegerOption } from './common-options.js';
import { confirm } from './confirm.js';
import { connect } from './connect.js';
import { countOf } from './object-count.js';
import { Output } from './output.js';

type RollbackOptions = Pick<
  CommonOptions,
  | 'apiUrl'
  | 'workspace'
  | 'apiKeyFile'
  | 'state'
  | 'batchSize'
  | 'yes'
  | 'json'
  | 'quiet'
  | 'verbose'
  | 'maxRps'
  | 'concurrency'
  | 'timeout'
>;

/** Updated records listed on the terminal before the rest goes to report/rollback.json only. */
const LISTED_UPDATES = 20;

export function registerRollbackCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('rollback')
    .description('delete what the runs of that state dir created (never what they only updated)')
    .option('--state <dir>', 'journal and reports of the import to roll back', DEFAULT_STATE_DIR)
    .option('--api-url <url>', 'API base including /v1 (env CLARIFY_API_URL; default: the one the run used)')
    .option('--workspace <slug>', 'workspace slug (env CLARIFY_WORKSPACE; default: the one the run used)')
    .option('--api-key-file <file>', 'file holding the API key (else env CLARIFY_API_KEY, else a prompt)')
    .option('--batch-size <n>', 'records per bulk delete, 1–25', '25')
    .option('--max-rps <n>', 'cap on requests per second (default: as fast as the API allows)')
    .option('--concurrency <n>', 'cap on requests in flight (default: adaptive, up to 16)')
    .option('--timeout <ms>', 'timeout of each HTTP request in milliseconds', '30000')
    .option('--yes', 'no confirmation prompt (implied when stdin is not a terminal)')
    .option('--json', 'print only the final summary, as JSON, on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'print more detail')
    .action(async (options: RollbackOptions) => {
      setExit(await rollbackCommand(options));
    });
}

async function rollbackCommand(options: RollbackOptions): Promise<number> {
  const output = new Output(options);
  const batchSize = parseIntegerOption('--batch-size', options.batchSize, 1, 25) ?? 25;
  // Checked first, so that a directory without an import gets that message and no lock file; then the lock,
  // before the journal is opened (opening it adds rollback's table, which must not happen beside a run).
  RollbackJournal.assertExists(options.state);
  const lock = StateLock.acquire(options.state, 'rollback');
  const journal = lock.guard(() => RollbackJournal.open(options.state));
  const reportPath = join(options.state, 'report', 'rollback.json');
  let stopRequested = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) process.exit(EXIT.interrupted);
    stopRequested = true;
    output.warn(`${signal}: stopping after the request in flight; run rollback again to resume`);
  };
  try {
    const target = recordedTarget(journal, options);
    const plan = planRollback(journal);
    if (!output.quiet) output.info(planText(plan, options.state, target, Boolean(options.verbose)));
    for (const link of plan.unknownLinks) {
      output.warn(
        `deal ${link.dealSourceId} (${link.dealId}): this journal predates the record of which people a run added, so its links to existing people are left in place`,
      );
    }
    if (rollbackIsEmpty(plan)) {
      const report = reportOf(journal, plan, undefined, target, 'finished');
      await writeJson(reportPath, report);
      if (options.json) output.result(`${JSON.stringify(report)}\n`);
      else if (!output.quiet) output.result('Nothing to roll back: everything this state created is gone.\n');
      return EXIT.ok;
    }
    if (!(await confirm(`Delete this from workspace ${target.workspace}?`, options))) {
      output.info('Nothing was deleted.');
      return EXIT.interrupted;
    }
    const connection = await connect({ ...options, apiUrl: target.apiUrl, workspace: target.workspace });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let result: RollbackResult;
    try {
      result = await executeRollback(connection.remove, journal, plan, {
        batchSize,
        shouldStop: () => stopRequested,
        onProgress: (event) => output.progress(event),
      });
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError('NETWORK', `the rollback stopped: ${(error as Error).message}`, {
        hint: `run the same rollback again to resume from ${options.state}`,
        cause: error,
      });
    }
    const report = reportOf(journal, plan, result, target, result.status);
    await writeJson(reportPath, report);
    for (const failure of result.failures) {
      output.warn(`${failure.object} ${failure.clarifyId}: ${failure.reason}`);
    }
    if (options.json) output.result(`${JSON.stringify(report)}\n`);
    else if (!output.quiet) output.result(resultText(result, reportPath));
    if (result.status === 'interrupted') return EXIT.interrupted;
    return result.failures.length > 0 ? EXIT.someRowsFailed : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    journal.close();
    lock.release();
  }
}

interface Target {
  apiUrl: string;
  workspace: string;
}

/**
 * Rollback deletes ids, so it must talk to the workspace the runs wrote to: by default the one the journal
 * recorded; an explicit --api-url/--workspace (or env) must name that same workspace.
 */
function recordedTarget(journal: RollbackJournal, options: RollbackOptions): Target {
  const recorded = journal.runTargets().flatMap((text) => {
    const match = /^(.*) workspace (.*)$/.exec(text);
    return match ? [{ apiUrl: match[1]!, workspace: match[2]! }] : [];
  });
  const first = recorded[0];
  if (!first) {
    throw new ImportError('USAGE', `${options.state}: no run has written to a workspace from here`, {
      hint: 'pass the --state directory of a `clarify-import run` (a plan writes nothing, so there is nothing to roll back)',
    });
  }
  const apiUrl = (options.apiUrl ?? process.env.CLARIFY_API_URL ?? first.apiUrl).replace(/\/+$/, '');
  const workspace = options.workspace ?? process.env.CLARIFY_WORKSPACE ?? first.workspace;
  if (!recorded.some((t) => t.apiUrl === apiUrl && t.workspace === workspace)) {
    throw new ImportError(
      'USAGE',
      `the runs of ${options.state} wrote to ${recorded.map((t) => `${t.workspace} at ${t.apiUrl}`).join(', ')}, not to ${workspace} at ${apiUrl}`,
      { hint: 'omit --api-url/--workspace (and CLARIFY_API_URL/CLARIFY_WORKSPACE) to use the recorded one' },
    );
  }
  return { apiUrl, workspace };
}

function planText(plan: RollbackPlan, state: string, target: Target, verbose: boolean): string {
  const lines = [`Rollback of ${state} (workspace ${target.workspace} at ${target.apiUrl}):`];
  const links = plan.unlink.reduce((sum, link) => sum + link.personIds.length, 0);
  if (links > 0) {
    lines.push(
      `  take ${links} ${links === 1 ? 'person' : 'people'} this import linked off ${countOf(plan.unlink.length, 'deal')} it did not create`,
    );
  }
  const deletes = ROLLBACK_ORDER.filter((object) => plan.deletes[object].length > 0).map((object) =>
    countOf(plan.deletes[object].length, object),
  );
  if (deletes.length > 0) lines.push(`  delete ${deletes.join(', ')} this import created`);
  if (plan.updated.length > 0) {
    lines.push(
      `Kept: ${plan.updated.length} existing ${plan.updated.length === 1 ? 'record' : 'records'} this import only updated (rollback does not restore them; old values below):`,
    );
    const shown = verbose ? plan.updated : plan.updated.slice(0, LISTED_UPDATES);
    for (const record of shown) {
      lines.push(
        `  ${record.object} ${record.clarifyId} (${record.file}:${record.line}, ${record.sourceId})`,
      );
      for (const [field, value] of Object.entries(record.attributes)) {
        lines.push(
          `    ${field}: was ${quotedAttribute(record.previous[field])}, set to ${quotedAttribute(value)}`,
        );
      }
      if ('company_id' in record.previous && !('company_id' in record.attributes)) {
        lines.push(`    company_id: was ${quotedAttribute(record.previous.company_id)}`);
      }
    }
    if (shown.length < plan.updated.length) {
      lines.push(`  … ${plan.updated.length - shown.length} more in report/rollback.json (or use --verbose)`);
    }
  }
  return lines.join('\n');
}

function resultText(result: RollbackResult, reportPath: string): string {
  const parts = ROLLBACK_ORDER.map((object) => {
    const c = result.objects[object];
    return `${countOf(c.done + c.gone, object)}${c.gone > 0 ? ` (${c.gone} already gone)` : ''}${c.failed > 0 ? `, ${c.failed} failed` : ''}`;
  });
  const lines = [
    result.status === 'interrupted'
      ? 'Rollback interrupted; run it again to finish.'
      : result.failures.length > 0
        ? 'Rollback finished with failures.'
        : 'Rollback finished.',
    `  links removed: ${result.links.done + result.links.gone}${result.links.failed > 0 ? `, ${result.links.failed} failed` : ''}`,
    `  deleted: ${parts.join(', ')}`,
    `Report: ${reportPath}`,
  ];
  return `${lines.join('\n')}\n`;
}

function reportOf(
  journal: RollbackJournal,
  plan: RollbackPlan,
  result: RollbackResult | undefined,
  target: Target,
  status: 'finished' | 'interrupted',
) {
  const objects: Record<string, unknown> = {};
  for (const object of ROLLBACK_ORDER) {
    const undone = journal.undone(object);
    objects[object] = {
      created: journal.createdCount(object),
      deleted: undone.deleted,
      already_gone: undone.gone,
      failed: result?.objects[object].failed ?? 0,
    };
  }
  const links = journal.undone('deal_people');
  return {
    status,
    target: `${target.apiUrl} workspace ${target.workspace}`,
    links: {
      deal_people: { removed: links.unlinked, already_gone: links.gone, failed: result?.links.failed ?? 0 },
    },
    objects,
    kept_updated: plan.updated.map((record) => ({
      object: record.object,
      clarify_id: record.clarifyId,
      source_id: record.sourceId,
      file: record.file,
      line: record.line,
      changes: Object.keys({ ...record.attributes, ...record.previous }).map((field) => ({
        field,
        old: record.previous[field] ?? null,
        // company_id is set from the export's company link, not stored with the update: no `new` then.
        new: field in record.attributes ? record.attributes[field] : undefined,
      })),
    })),
    links_left_in_place: plan.unknownLinks.map((link) => ({
      deal_id: link.dealId,
      deal_source_id: link.dealSourceId,
      person_source_ids: link.personSourceIds,
    })),
    failures: (result?.failures ?? []).map((failure) => ({
      object: failure.object,
      clarify_id: failure.clarifyId,
      reason: failure.reason,
    })),
  };
}

/** Written to `<path>.tmp` and renamed, so a crash never leaves half a report. */
async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
