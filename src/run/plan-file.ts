import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ByteChunk } from '../core/byte-chunk.js';
import { ImportError } from '../core/errors.js';
import type { Issue } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { Attributes } from '../core/schema.js';
import type { PlannedLink, PlannedRecord } from '../plan/types.js';
import { BatchGrouper } from './batch-grouper.js';
import { PlanTally, type PlanTotals } from './plan-totals.js';

/**
 * The plan of `clarify-import plan`, one JSON object per line, in `<state>/plan.jsonl`: every source row's
 * planned action with what would be sent, then the person–deal links. A plan is only read back to report on it,
 * so it does not go into the journal row by row: a million journal rows with their indexes cost a plan more
 * than a third of its time, and an unfinished plan is simply made again. The journal keeps the plan's run and
 * its counts (PlanTotals), which is all `status` and the reports need besides the rows.
 *
 * Lines use the journal's column names. The first line says whose plan it is; only the latest plan of a state
 * directory is kept.
 */
export const PLAN_FILE = 'plan.jsonl';
const PARTIAL = `${PLAN_FILE}.partial`;
const FORMAT = 1;
/** Lines are written in chunks of this many bytes. */
const CHUNK_BYTES = 1 << 20;

/** A record line of the plan file; optional fields are left out when empty. */
export interface PlanRecordLine {
  object: ObjectType;
  source_id: string;
  file: string;
  line: number;
  action: PlannedRecord['action'];
  /** The bulk request (numbered from 1 in the plan) this create or update goes in. */
  batch?: number;
  clarify_id?: string;
  attributes: Attributes;
  previous?: Attributes;
  company_source_id?: string;
  set_company?: true;
  match_keys?: string[];
  reason?: string;
  renamed_from?: string;
  issues?: Issue[];
  /** Original values, kept only for rows planned to be skipped or failed (errors.csv shows them). */
  raw?: Record<string, string>;
}

/** A link line: all people of one deal. */
export interface PlanLinkLine {
  object: 'deal_people';
  deal_source_id: string;
  person_source_ids: string[];
  file: string;
  line: number;
  issues?: Issue[];
}

interface PlanHeader {
  clarify_import_plan: number;
  run_id: number;
}

function recordLine(record: PlannedRecord, batch: number | undefined): string {
  const line: PlanRecordLine = {
    object: record.object,
    source_id: record.sourceId,
    file: record.origin.file,
    line: record.origin.line,
    action: record.action,
    attributes: record.attributes,
  };
  if (batch !== undefined) line.batch = batch;
  if (record.clarifyId) line.clarify_id = record.clarifyId;
  if (record.previous) line.previous = record.previous;
  if (record.companySourceId !== undefined) line.company_source_id = record.companySourceId;
  if (record.setCompany) line.set_company = true;
  if (record.matchKeys.length > 0) line.match_keys = record.matchKeys;
  if (record.reason) line.reason = record.reason;
  if (record.renamedFrom !== undefined) line.renamed_from = record.renamedFrom;
  if (record.issues.length > 0) line.issues = record.issues;
  if (record.action === 'skip' || record.action === 'fail') line.raw = record.raw;
  return `${JSON.stringify(line)}\n`;
}

function linkLine(link: PlannedLink): string {
  const line: PlanLinkLine = {
    object: 'deal_people',
    deal_source_id: link.dealSourceId,
    person_source_ids: link.personSourceIds,
    file: link.origin.file,
    line: link.origin.line,
  };
  if (link.issues.length > 0) line.issues = link.issues;
  return `${JSON.stringify(line)}\n`;
}

/**
 * Writes a plan into `<state>/plan.jsonl.partial` and renames it over plan.jsonl when the plan is complete,
 * so a stopped plan never leaves half a plan where a whole one was.
 */
export class PlanFileWriter {
  readonly #dir: string;
  readonly #fd: number;
  readonly #batches: BatchGrouper;
  readonly #tally = new PlanTally();
  readonly #chunk = new ByteChunk(CHUNK_BYTES);

  private constructor(dir: string, fd: number, batchSize: number) {
    this.#dir = dir;
    this.#fd = fd;
    let last = 0;
    // Numbered from 1 in each plan: the bulk requests a run would send, in order.
    this.#batches = new BatchGrouper(batchSize, () => ++last);
  }

  static open(stateDir: string, runId: number, batchSize: number): PlanFileWriter {
    const fd = writing(stateDir, () => openSync(join(stateDir, PARTIAL), 'w'));
    const writer = new PlanFileWriter(stateDir, fd, batchSize);
    const header: PlanHeader = { clarify_import_plan: FORMAT, run_id: runId };
    writer.#write(`${JSON.stringify(header)}\n`);
    return writer;
  }

  add(record: PlannedRecord): void {
    this.#tally.addRecord(record);
    const batch =
      record.action === 'create' || record.action === 'update'
        ? this.#batches.batchOf(record.object, record.action)
        : undefined;
    this.#write(recordLine(record, batch));
  }

  addLinks(links: readonly PlannedLink[]): void {
    for (const link of links) {
      this.#tally.addLink(link);
      this.#write(linkLine(link));
    }
  }

  /** The plan's counts, renamed deals and link problems, for the journal. */
  totals(): PlanTotals {
    return this.#tally.totals();
  }

  /** Publishes the plan as plan.jsonl. */
  finish(): string {
    this.#flush();
    const path = join(this.#dir, PLAN_FILE);
    writing(this.#dir, () => {
      closeSync(this.#fd);
      renameSync(join(this.#dir, PARTIAL), path);
    });
    return path;
  }

  #write(text: string): void {
    if (this.#chunk.append(text)) return;
    this.#flush();
    this.#chunk.append(text);
  }

  #flush(): void {
    this.#chunk.drainTo((bytes) =>
      writing(this.#dir, () => {
        // A write may take fewer bytes than given; the rest goes in the next.
        for (let done = 0; done < bytes.length; )
          done += writeSync(this.#fd, bytes, done, bytes.length - done);
      }),
    );
  }
}

/** Runs a file operation on the plan; a failure (a full disk, say) stops the command with what to do. */
function writing<T>(stateDir: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw new ImportError(
      'JOURNAL',
      `cannot write the plan ${join(stateDir, PLAN_FILE)}: ${(error as Error).message}`,
      {
        hint: 'check that --state points to a writable directory with free space (a plan takes about 500 bytes a row)',
        cause: error,
      },
    );
  }
}

/** Removes an unfinished plan file (a plan stopped or failed before it was complete). */
export function discardPartialPlan(stateDir: string): void {
  rmSync(join(stateDir, PARTIAL), { force: true });
}

/** plan.jsonl, when it holds the plan of `runId`; otherwise an error that says the plan is gone. */
function planFileOf(stateDir: string, runId: number): string {
  const path = join(stateDir, PLAN_FILE);
  const notThere = () =>
    new ImportError(
      'JOURNAL',
      `${path} does not hold the plan of run ${runId}: a later plan replaced it, or the file was removed`,
      { hint: 'run plan again to write it' },
    );
  if (!existsSync(path)) throw notThere();
  const first = readLines(path).next();
  const header = first.done ? undefined : (JSON.parse(first.value) as Partial<PlanHeader>);
  if (header?.clarify_import_plan !== FORMAT || header.run_id !== runId) throw notThere();
  return path;
}

/** The record lines of a run's plan, in source order. */
export function* planRecords(stateDir: string, runId: number): Generator<PlanRecordLine> {
  let first = true;
  for (const text of readLines(planFileOf(stateDir, runId))) {
    if (first) {
      first = false;
      continue;
    }
    const line = JSON.parse(text) as PlanRecordLine | PlanLinkLine;
    if (line.object !== 'deal_people') yield line;
  }
}

/** The lines of a text file, read in chunks (a plan of a million rows is hundreds of MB). */
function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    // The decoder keeps a character split between two chunks for the next one.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
