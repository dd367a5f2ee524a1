import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportError } from '../core/errors.js';
import type { Issue } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { RowAction } from '../core/records.js';
import type { Attributes } from '../core/schema.js';
import type { PlannedLink, PlannedRecord } from '../plan/types.js';
import { BatchGrouper } from './batch-grouper.js';
import { JOURNAL_DDL, JOURNAL_VERSION } from './journal-schema.js';
import { KeptLinkIssues } from './kept-link-issues.js';
import { planRecords } from './plan-file.js';
import type { PlanTotals } from './plan-totals.js';
import { ROLLBACKS_TABLE_EXISTS } from './rollback-journal.js';

export type RunStatus = 'planning' | 'planned' | 'running' | 'finished' | 'aborted' | 'interrupted';
export type BatchState = 'pending' | 'in_flight' | 'done' | 'failed';
export type BatchOp = 'create' | 'update';

export interface RunRow {
  id: number;
  mode: 'plan' | 'run';
  status: RunStatus;
  source: string;
  inputs: string;
  target: string;
  started_at: string;
  finished_at: string | null;
  requests: number;
  duration_ms: number;
  file_issues: string;
}

/** A journaled record as the executor needs it. */
export interface JournalRecord {
  seq: number;
  object: ObjectType;
  sourceId: string;
  file: string;
  line: number;
  action: PlannedRecord['action'];
  outcome: RowAction | null;
  clarifyId: string | null;
  attributes: Attributes;
  previous: Attributes | null;
  companySourceId: string | null;
  setCompany: boolean;
  matchKeys: string[];
  reason: string | null;
  renamedFrom: string | null;
  issues: Issue[];
  raw: Record<string, string>;
  batchId: number | null;
}

export interface BatchRow {
  id: number;
  object: ObjectType;
  op: BatchOp;
  state: BatchState;
  attempts: number;
}

export interface LinkRow {
  id: number;
  dealSourceId: string;
  personSourceIds: string[];
  file: string;
  line: number;
  issues: Issue[];
  state: BatchState;
  /** Clarify people an attempt of this link added (null: none was made yet, or the journal predates it). */
  addedPersonIds: string[] | null;
}

export interface RenamedDealRow {
  file: string;
  line: number;
  source_id: string;
  renamed_from: string;
  name: string;
}

export interface OutcomeDbRow {
  object: ObjectType;
  source_id: string;
  file: string;
  line: number;
  action: PlannedRecord['action'];
  outcome: RowAction | null;
  clarify_id: string | null;
  reason: string | null;
  issues: string;
  raw: string | null;
}

interface RecordDbRow {
  seq: number;
  object: string;
  source_id: string;
  file: string;
  line: number;
  action: string;
  outcome: string | null;
  clarify_id: string | null;
  attributes: string;
  previous: string | null;
  company_source_id: string | null;
  set_company: number;
  match_keys: string;
  reason: string | null;
  renamed_from: string | null;
  issues: string;
  raw: string;
  batch_id: number | null;
}

const now = () => new Date().toISOString();

/** Rows that need no request are done as soon as they are planned. */
const OUTCOME_AT_PLAN: Record<PlannedRecord['action'], RowAction | null> = {
  create: null,
  update: null,
  unchanged: 'unchanged',
  skip: 'skipped',
  fail: 'failed',
};

/**
 * Adds a column that journals written by an earlier version lack, so older journals keep working (see
 * journal-schema.ts: `links.added_person_ids`, `links.deal_id`, `links.linked_person_ids`, `links.unchanged`,
 * `runs.plan_totals`).
 */
function addColumnInPlace(db: Database.Database, table: string, column: string, type = 'TEXT'): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  if (columns.some((existing) => existing.name === column)) return;
  try {
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  } catch (error) {
    // Another process opened the same journal and added it first.
    if (!/duplicate column/i.test((error as Error).message)) throw error;
  }
}

/** A file plan's rows as `iterateOutcomes` gives the journal's (original values only of skipped and failed rows). */
function* planFileOutcomes(stateDir: string, runId: number): Generator<OutcomeDbRow> {
  for (const line of planRecords(stateDir, runId)) {
    yield {
      object: line.object,
      source_id: line.source_id,
      file: line.file,
      line: line.line,
      action: line.action,
      outcome: OUTCOME_AT_PLAN[line.action],
      clarify_id: line.clarify_id ?? null,
      reason: line.reason ?? null,
      issues: line.issues ? JSON.stringify(line.issues) : '[]',
      raw: line.raw ? JSON.stringify(line.raw) : null,
    };
  }
}

function toRecord(row: RecordDbRow): JournalRecord {
  return {
    seq: row.seq,
    object: row.object as ObjectType,
    sourceId: row.source_id,
    file: row.file,
    line: row.line,
    action: row.action as PlannedRecord['action'],
    outcome: row.outcome as RowAction | null,
    clarifyId: row.clarify_id,
    attributes: JSON.parse(row.attributes) as Attributes,
    previous: row.previous ? (JSON.parse(row.previous) as Attributes) : null,
    companySourceId: row.company_source_id,
    setCompany: row.set_company === 1,
    matchKeys: JSON.parse(row.match_keys) as string[],
    reason: row.reason,
    renamedFrom: row.renamed_from,
    issues: JSON.parse(row.issues) as Issue[],
    raw: JSON.parse(row.raw) as Record<string, string>,
    batchId: row.batch_id,
  };
}

/**
 * The import's memory: runs, the plan's records with their outcomes, batches and their states, and the
 * source id → Clarify id map that makes re-runs idempotent. Never holds the API key.
 */
/**
 * A run's rows in source order: a scan of the table in seq order. Through an index on run_id, SQLite would
 * sort every row of the run in a temporary b-tree instead, which spills to disk on a million rows.
 */
const IN_SOURCE_ORDER = 'records NOT INDEXED WHERE run_id = ? ORDER BY seq';

export class Journal {
  readonly path: string;
  private readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();
  /** Plan totals by run, as read or written (they do not change once the plan is complete). */
  private readonly planTotalsByRun = new Map<number, PlanTotals | undefined>();

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  /** Prepared statements are cached: some run once per source row (a million times in a large plan). */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  static open(stateDir: string): Journal {
    const path = join(stateDir, 'journal.db');
    try {
      mkdirSync(stateDir, { recursive: true });
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(JOURNAL_DDL);
      addColumnInPlace(db, 'links', 'added_person_ids');
      addColumnInPlace(db, 'links', 'deal_id');
      addColumnInPlace(db, 'links', 'linked_person_ids');
      addColumnInPlace(db, 'links', 'unchanged', 'INTEGER NOT NULL DEFAULT 0');
      // knownDealPeople looks a deal up in the links of earlier runs, once per existing deal of a run.
      db.exec('CREATE INDEX IF NOT EXISTS links_by_deal_id ON links(deal_id) WHERE deal_id IS NOT NULL');
      addColumnInPlace(db, 'runs', 'plan_totals');
      const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as
        | { value: string }
        | undefined;
      if (!version) {
        db.prepare("INSERT INTO meta(key, value) VALUES ('version', ?)").run(String(JOURNAL_VERSION));
      } else if (Number(version.value) !== JOURNAL_VERSION) {
        throw new ImportError(
          'JOURNAL',
          `the journal ${path} was written by another version of clarify-import`,
          {
            hint: 'use a new --state directory',
          },
        );
      }
      return new Journal(path, db);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError('JOURNAL', `cannot open the journal ${path}: ${(error as Error).message}`, {
        hint: 'check that --state points to a writable directory',
        cause: error,
      });
    }
  }

  /** The state directory the journal is in (plan.jsonl and the reports live there too). */
  get stateDir(): string {
    return dirname(this.path);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** For long asynchronous writers (planning a million rows): commit every few thousand rows, not each one. */
  begin(): void {
    this.db.exec('BEGIN');
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  // ---- runs ----

  latestRun(): RunRow | undefined {
    return this.stmt('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
  }

  latestRunOfMode(mode: 'plan' | 'run'): RunRow | undefined {
    return this.stmt('SELECT * FROM runs WHERE mode = ? ORDER BY id DESC LIMIT 1').get(mode) as
      | RunRow
      | undefined;
  }

  getRun(id: number): RunRow {
    return this.stmt('SELECT * FROM runs WHERE id = ?').get(id) as RunRow;
  }

  startRun(input: { mode: 'plan' | 'run'; source: string; inputs: string; target: string }): number {
    const result = this.stmt(
      "INSERT INTO runs(mode, status, source, inputs, target, started_at) VALUES (?, 'planning', ?, ?, ?, ?)",
    ).run(input.mode, input.source, input.inputs, input.target, now());
    return Number(result.lastInsertRowid);
  }

  setRunStatus(runId: number, status: RunStatus): void {
    // A run is finished when it is done (a plan when it is planned); any other status clears the time.
    this.stmt(
      "UPDATE runs SET status = ?, finished_at = CASE WHEN ? = 'finished' OR (? = 'planned' AND mode = 'plan') THEN ? ELSE NULL END WHERE id = ?",
    ).run(status, status, status, now(), runId);
  }

  setRunSource(runId: number, source: string): void {
    this.stmt('UPDATE runs SET source = ? WHERE id = ?').run(source, runId);
  }

  addRunCost(runId: number, requests: number, durationMs: number): void {
    this.stmt('UPDATE runs SET requests = requests + ?, duration_ms = duration_ms + ? WHERE id = ?').run(
      requests,
      durationMs,
      runId,
    );
  }

  /** A plan written to plan.jsonl keeps its counts here instead of its rows in `records` (plan-file.ts). */
  setPlanTotals(runId: number, totals: PlanTotals): void {
    this.stmt('UPDATE runs SET plan_totals = ? WHERE id = ?').run(JSON.stringify(totals), runId);
    this.planTotalsByRun.set(runId, totals);
  }

  /**
   * The counts of a plan whose rows are in plan.jsonl; undefined for a run journaled row by row. Read once per
   * run: every count, list and row of a plan's reports asks for them.
   */
  planTotals(runId: number): PlanTotals | undefined {
    if (!this.planTotalsByRun.has(runId)) {
      const row = this.stmt('SELECT plan_totals FROM runs WHERE id = ?').get(runId) as
        | { plan_totals: string | null }
        | undefined;
      this.planTotalsByRun.set(
        runId,
        row?.plan_totals ? (JSON.parse(row.plan_totals) as PlanTotals) : undefined,
      );
    }
    return this.planTotalsByRun.get(runId);
  }

  setFileIssues(runId: number, issues: Issue[]): void {
    this.stmt('UPDATE runs SET file_issues = ? WHERE id = ?').run(JSON.stringify(issues), runId);
  }

  /** Drops the records of an unfinished plan so planning can start over (nothing was sent for them). */
  clearRunPlan(runId: number): void {
    this.transaction(() => {
      this.stmt('DELETE FROM records WHERE run_id = ?').run(runId);
      this.stmt('DELETE FROM batches WHERE run_id = ?').run(runId);
      this.stmt('DELETE FROM links WHERE run_id = ?').run(runId);
    });
  }

  // ---- plan ----

  /**
   * Returns a function that appends planned records (call it between `begin` and `commit`). Records to send
   * are grouped into batches of `batchSize` per object and operation as they come, in source order; unchanged
   * records are done at once and enter the id map. `raw: 'problems'` keeps the original values only of rows
   * planned to be skipped or failed: a plan-only run reports nothing else (errors.csv), and the original
   * values are most of a journal's bytes. A run keeps them all, since any row may fail when it is sent.
   */
  recordWriter(
    runId: number,
    batchSize: number,
    options: { raw: 'all' | 'problems' } = { raw: 'all' },
  ): (record: PlannedRecord) => void {
    const insert = this.stmt(
      `INSERT INTO records(run_id, object, source_id, file, line, action, outcome, clarify_id, attributes, previous,
        company_source_id, set_company, match_keys, reason, renamed_from, issues, raw, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertBatch = this.stmt(
      "INSERT INTO batches(run_id, object, op, state, updated_at) VALUES (?, ?, ?, 'pending', ?)",
    );
    const mapUnchanged = this.stmt(
      `INSERT INTO id_map(object, source_id, clarify_id, run_id, created) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT(object, source_id) DO UPDATE SET clarify_id = excluded.clarify_id,
         created = CASE WHEN id_map.clarify_id = excluded.clarify_id THEN id_map.created ELSE 0 END`,
    );
    const batches = new BatchGrouper(batchSize, (object, op) =>
      Number(insertBatch.run(runId, object, op, now()).lastInsertRowid),
    );
    return (record) => {
      const outcome = OUTCOME_AT_PLAN[record.action];
      const keepRaw = options.raw === 'all' || record.action === 'skip' || record.action === 'fail';
      const batchId =
        record.action === 'create' || record.action === 'update'
          ? batches.batchOf(record.object, record.action)
          : null;
      insert.run(
        runId,
        record.object,
        record.sourceId,
        record.origin.file,
        record.origin.line,
        record.action,
        outcome,
        record.clarifyId ?? null,
        JSON.stringify(record.attributes),
        record.previous ? JSON.stringify(record.previous) : null,
        record.companySourceId ?? null,
        record.setCompany ? 1 : 0,
        JSON.stringify(record.matchKeys),
        record.reason ?? null,
        record.renamedFrom ?? null,
        record.issues.length > 0 ? JSON.stringify(record.issues) : '[]',
        keepRaw ? JSON.stringify(record.raw) : '{}',
        batchId,
      );
      if (record.action === 'unchanged' && record.clarifyId) {
        mapUnchanged.run(record.object, record.sourceId, record.clarifyId, runId);
      }
    };
  }

  /**
   * While planning, the journal need not survive a power loss (an unfinished plan is redone from the exports),
   * so commits skip the disk flush; execution journals with full WAL durability.
   */
  setPlanningDurability(planning: boolean): void {
    this.db.pragma(planning ? 'synchronous = OFF' : 'synchronous = NORMAL');
  }

  writeLinks(runId: number, links: PlannedLink[]): void {
    const insert = this.stmt(
      "INSERT INTO links(run_id, deal_source_id, person_source_ids, file, line, issues, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
    );
    this.transaction(() => {
      for (const link of links) {
        insert.run(
          runId,
          link.dealSourceId,
          JSON.stringify(link.personSourceIds),
          link.origin.file,
          link.origin.line,
          JSON.stringify(link.issues),
        );
      }
    });
  }

  // ---- batches ----

  batches(runId: number, object: ObjectType, op: BatchOp, states: BatchState[]): BatchRow[] {
    const placeholders = states.map(() => '?').join(',');
    return this.stmt(
      `SELECT id, object, op, state, attempts FROM batches WHERE run_id = ? AND object = ? AND op = ? AND state IN (${placeholders}) ORDER BY id`,
    ).all(runId, object, op, ...states) as BatchRow[];
  }

  allBatchesInState(runId: number, state: BatchState): BatchRow[] {
    return this.stmt(
      'SELECT id, object, op, state, attempts FROM batches WHERE run_id = ? AND state = ? ORDER BY id',
    ).all(runId, state) as BatchRow[];
  }

  setBatchState(batchId: number, state: BatchState): void {
    this.stmt(
      "UPDATE batches SET state = ?, attempts = attempts + CASE WHEN ? = 'in_flight' THEN 1 ELSE 0 END, updated_at = ? WHERE id = ?",
    ).run(state, state, now(), batchId);
  }

  batchRecords(batchId: number): JournalRecord[] {
    return (
      this.stmt('SELECT * FROM records WHERE batch_id = ? ORDER BY seq').all(batchId) as RecordDbRow[]
    ).map(toRecord);
  }

  // ---- outcomes ----

  /** Records one row's final outcome; a created/updated record also enters the id map. */
  setOutcome(
    record: JournalRecord,
    outcome: RowAction,
    input: { clarifyId?: string; reason?: string; issues?: Issue[]; runId: number },
  ): void {
    const issues = input.issues ? [...record.issues, ...input.issues] : record.issues;
    this.stmt(
      'UPDATE records SET outcome = ?, clarify_id = COALESCE(?, clarify_id), reason = COALESCE(?, reason), issues = ? WHERE seq = ?',
    ).run(outcome, input.clarifyId ?? null, input.reason ?? null, JSON.stringify(issues), record.seq);
    const clarifyId = input.clarifyId ?? record.clarifyId;
    if (clarifyId && (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged')) {
      this.stmt(
        `INSERT INTO id_map(object, source_id, clarify_id, run_id, created) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(object, source_id) DO UPDATE SET clarify_id = excluded.clarify_id,
             created = CASE WHEN id_map.clarify_id = excluded.clarify_id THEN id_map.created ELSE excluded.created END`,
      ).run(record.object, record.sourceId, clarifyId, input.runId, outcome === 'created' ? 1 : 0);
    }
  }

  /**
   * Clarify id of a source row: created or matched before (the id map), or matched by this run's plan (an
   * existing record stays addressable even when its update failed).
   */
  /** Whether any run recorded a Clarify id for this object (a first import has none to look up). */
  hasMappedIds(object: ObjectType): boolean {
    return this.stmt('SELECT 1 FROM id_map WHERE object = ? LIMIT 1').get(object) !== undefined;
  }

  clarifyIdOf(object: ObjectType, sourceId: string, runId?: number): string | undefined {
    const row = this.stmt('SELECT clarify_id FROM id_map WHERE object = ? AND source_id = ?').get(
      object,
      sourceId,
    ) as { clarify_id: string } | undefined;
    if (row || runId === undefined) return row?.clarify_id;
    const planned = this.stmt(
      "SELECT clarify_id FROM records WHERE run_id = ? AND object = ? AND source_id = ? AND action IN ('update','unchanged') AND clarify_id IS NOT NULL LIMIT 1",
    ).get(runId, object, sourceId) as { clarify_id: string } | undefined;
    return planned?.clarify_id;
  }

  /** Outcome of a source row in a run (for dependencies: a company that failed cannot be linked). */
  recordOf(runId: number, object: ObjectType, sourceId: string): JournalRecord | undefined {
    const row = this.stmt(
      'SELECT * FROM records WHERE run_id = ? AND object = ? AND source_id = ? ORDER BY seq LIMIT 1',
    ).get(runId, object, sourceId) as RecordDbRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  *iterateRecords(runId: number): Generator<JournalRecord> {
    for (const row of this.stmt(`SELECT * FROM ${IN_SOURCE_ORDER}`).iterate(runId)) {
      yield toRecord(row as RecordDbRow);
    }
  }

  /**
   * What the reports need of every row, lighter than `iterateRecords`: the original values are read only for
   * rows that end up in errors.csv (skipped or failed, or not sent in an unfinished run).
   */
  *iterateOutcomes(runId: number, mode: 'plan' | 'run'): Generator<OutcomeDbRow> {
    if (this.planTotals(runId)) {
      yield* planFileOutcomes(this.stateDir, runId);
      return;
    }
    const needsRaw =
      mode === 'plan'
        ? "action IN ('skip','fail')"
        : "action IN ('skip','fail') OR outcome IS NULL OR outcome IN ('failed','skipped')";
    const sql = `SELECT object, source_id, file, line, action, outcome, clarify_id, reason, issues,
      CASE WHEN ${needsRaw} THEN raw END AS raw FROM ${IN_SOURCE_ORDER}`;
    // Arrays, not objects, out of SQLite: building the objects here is faster on a million rows.
    for (const r of this.stmt(sql).raw(true).iterate(runId) as IterableIterator<unknown[]>) {
      yield {
        object: r[0] as ObjectType,
        source_id: r[1] as string,
        file: r[2] as string,
        line: r[3] as number,
        action: r[4] as PlannedRecord['action'],
        outcome: r[5] as RowAction | null,
        clarify_id: r[6] as string | null,
        reason: r[7] as string | null,
        issues: r[8] as string,
        raw: r[9] as string | null,
      };
    }
  }

  renamedDeals(runId: number): RenamedDealRow[] {
    const totals = this.planTotals(runId);
    if (totals) return totals.renamed;
    return this.stmt(
      "SELECT file, line, source_id, renamed_from, json_extract(attributes, '$.name') AS name FROM records WHERE run_id = ? AND renamed_from IS NOT NULL ORDER BY seq",
    ).all(runId) as RenamedDealRow[];
  }

  countOutcomes(
    runId: number,
  ): Array<{ object: ObjectType; action: string; outcome: string | null; n: number }> {
    const totals = this.planTotals(runId);
    if (totals) {
      return totals.records.map((group) => ({ ...group, outcome: OUTCOME_AT_PLAN[group.action] }));
    }
    return this.stmt(
      'SELECT object, action, outcome, COUNT(*) AS n FROM records WHERE run_id = ? GROUP BY object, action, outcome',
    ).all(runId) as Array<{ object: ObjectType; action: string; outcome: string | null; n: number }>;
  }

  // ---- links ----

  links(runId: number, states: BatchState[]): LinkRow[] {
    const placeholders = states.map(() => '?').join(',');
    return (
      this.stmt(`SELECT * FROM links WHERE run_id = ? AND state IN (${placeholders}) ORDER BY id`).all(
        runId,
        ...states,
      ) as Array<{
        id: number;
        deal_source_id: string;
        person_source_ids: string;
        file: string;
        line: number;
        issues: string;
        state: BatchState;
        added_person_ids: string | null;
      }>
    ).map((row) => ({
      id: row.id,
      dealSourceId: row.deal_source_id,
      personSourceIds: JSON.parse(row.person_source_ids) as string[],
      file: row.file,
      line: row.line,
      issues: JSON.parse(row.issues) as Issue[],
      state: row.state,
      addedPersonIds: row.added_person_ids ? (JSON.parse(row.added_person_ids) as string[]) : null,
    }));
  }

  /**
   * `linked`: pairs this run made; `unchanged`: pairs that were in place already. A link done records its
   * deal and the people of this link (`linkedPersonIds`), for knownDealPeople in later runs.
   */
  setLinkState(
    id: number,
    state: BatchState,
    result: {
      linked?: number;
      unchanged?: number;
      failed?: number;
      reason?: string;
      issues?: Issue[];
      dealId?: string;
      linkedPersonIds?: string[];
    } = {},
  ): void {
    this.stmt(
      `UPDATE links SET state = ?, linked = COALESCE(?, linked), unchanged = COALESCE(?, unchanged),
         failed = COALESCE(?, failed), reason = COALESCE(?, reason), issues = COALESCE(?, issues),
         deal_id = COALESCE(?, deal_id), linked_person_ids = COALESCE(?, linked_person_ids) WHERE id = ?`,
    ).run(
      state,
      result.linked ?? null,
      result.unchanged ?? null,
      result.failed ?? null,
      result.reason ?? null,
      result.issues ? JSON.stringify(result.issues) : null,
      result.dealId ?? null,
      result.linkedPersonIds ? JSON.stringify(result.linkedPersonIds) : null,
      id,
    );
  }

  /**
   * The Clarify people that earlier runs of this journal linked to the deal (or found linked) and that
   * rollback has not taken off since: a run needs no request for them. Pairs on a deal rollback deleted never
   * match, since a deal created again has a new id.
   */
  knownDealPeople(runId: number, dealId: string): Set<string> {
    const known = new Set<string>();
    for (const row of this.stmt(
      "SELECT linked_person_ids FROM links WHERE deal_id = ? AND run_id < ? AND state = 'done' AND linked_person_ids IS NOT NULL",
    ).all(dealId, runId) as Array<{ linked_person_ids: string }>) {
      for (const id of JSON.parse(row.linked_person_ids) as string[]) known.add(id);
    }
    if (known.size > 0 && this.hasRollbacks()) {
      const unlinked = this.stmt("SELECT 1 FROM rollbacks WHERE object = 'deal_people' AND clarify_id = ?");
      for (const id of [...known]) if (unlinked.get(`${dealId}/${id}`)) known.delete(id);
    }
    return known;
  }

  /**
   * Whether rollback ever ran here (its table is made by rollback-journal.ts, on its first run). Asked once:
   * no rollback can run while this command holds the state directory's lock.
   */
  private hasRollbacks(): boolean {
    this.#hasRollbacks ??= this.stmt(ROLLBACKS_TABLE_EXISTS).get() !== undefined;
    return this.#hasRollbacks;
  }
  #hasRollbacks: boolean | undefined;

  /** `pending`: deals whose link request is not done; `pendingPeople`: the people those requests would link. */
  linkTotals(runId: number): {
    linked: number;
    unchanged: number;
    failed: number;
    pending: number;
    pendingPeople: number;
    deals: number;
  } {
    const totals = this.planTotals(runId);
    // A plan made no link yet: every deal's request is still to be sent.
    if (totals) {
      const { deals, linked } = totals.links;
      return { linked: 0, unchanged: 0, failed: 0, pending: deals, pendingPeople: linked, deals };
    }
    const row = this.stmt(
      `SELECT COALESCE(SUM(linked),0) AS linked, COALESCE(SUM(unchanged),0) AS unchanged, COALESCE(SUM(failed),0) AS failed,
         SUM(CASE WHEN state IN ('pending','in_flight') THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN state IN ('pending','in_flight') THEN json_array_length(person_source_ids) ELSE 0 END) AS pending_people,
         COUNT(*) AS deals FROM links WHERE run_id = ?`,
    ).get(runId) as {
      linked: number;
      unchanged: number;
      failed: number;
      pending: number | null;
      pending_people: number | null;
      deals: number;
    };
    return {
      linked: row.linked,
      unchanged: row.unchanged,
      failed: row.failed,
      pending: row.pending ?? 0,
      pendingPeople: row.pending_people ?? 0,
      deals: row.deals,
    };
  }

  /** Person–deal pairs the plan will link, and the links it already knows cannot be made. */
  plannedLinkTotals(runId: number): { linked: number; failed: number } {
    const totals = this.planTotals(runId);
    if (totals) return { linked: totals.links.linked, failed: totals.links.failed };
    const row = this.stmt(
      "SELECT COALESCE(SUM(json_array_length(person_source_ids)),0) AS linked, COALESCE(SUM((SELECT COUNT(*) FROM json_each(links.issues) WHERE json_extract(value, '$.severity') != 'info')),0) AS failed FROM links WHERE run_id = ?",
    ).get(runId) as { linked: number; failed: number };
    return row;
  }

  /** The link problems for the reports: the first KEPT_LINK_ISSUES whole, then a count (see KeptLinkIssues). */
  allLinkIssues(runId: number): Issue[] {
    const totals = this.planTotals(runId);
    if (totals) return totals.linkIssues;
    const kept = new KeptLinkIssues();
    // One link row at a time: a run can have hundreds of thousands of link problems.
    for (const row of this.stmt(
      "SELECT issues FROM links WHERE run_id = ? AND issues != '[]' ORDER BY id",
    ).iterate(runId) as IterableIterator<{ issues: string }>) {
      for (const issue of JSON.parse(row.issues) as Issue[]) kept.add(issue);
    }
    return kept.list(`the journal keeps each one, with its link (table "links" of journal.db)`);
  }

  /**
   * Records which Clarify people this tool added to a deal's relationship (the PATCH sends the union), so that
   * rollback removes only those. Kept from the first attempt: a resumed link sees its own people already there.
   */
  setLinkAdded(id: number, personIds: string[]): void {
    this.stmt('UPDATE links SET added_person_ids = ? WHERE id = ? AND added_person_ids IS NULL').run(
      JSON.stringify(personIds),
      id,
    );
  }

  // ---- id map export (verify plans against the ids a run recorded) ----

  idMapEntries(): Array<{ object: ObjectType; sourceId: string; clarifyId: string }> {
    return (
      this.stmt('SELECT object, source_id, clarify_id FROM id_map').all() as Array<{
        object: ObjectType;
        source_id: string;
        clarify_id: string;
      }>
    ).map((row) => ({ object: row.object, sourceId: row.source_id, clarifyId: row.clarify_id }));
  }

  /** Copies another journal's id map in (as not created): a throw-away plan then matches like a re-run. */
  importIdMap(entries: Array<{ object: ObjectType; sourceId: string; clarifyId: string }>): void {
    const insert = this.stmt(
      'INSERT OR IGNORE INTO id_map(object, source_id, clarify_id, run_id, created) VALUES (?, ?, ?, 0, 0)',
    );
    this.transaction(() => {
      for (const entry of entries) insert.run(entry.object, entry.sourceId, entry.clarifyId);
    });
  }

  /** Rows the latest `run` of this journal recorded as failed (sent, refused), with their reasons. */
  runFailures(): Map<string, string> {
    const run = this.latestRunOfMode('run');
    const failures = new Map<string, string>();
    if (!run) return failures;
    const rows = this.stmt(
      "SELECT object, source_id, reason FROM records WHERE run_id = ? AND outcome = 'failed' AND action IN ('create','update')",
    ).all(run.id) as Array<{ object: string; source_id: string; reason: string | null }>;
    for (const row of rows) failures.set(`${row.object}|${row.source_id}`, row.reason ?? 'failed');
    return failures;
  }

  // ---- throughput ----

  addThroughputSample(runId: number, elapsedMs: number, records: number): void {
    this.stmt('INSERT INTO throughput(run_id, elapsed_ms, records) VALUES (?, ?, ?)').run(
      runId,
      elapsedMs,
      records,
    );
  }

  throughput(runId: number): Array<{ elapsedMs: number; records: number }> {
    return (
      this.stmt('SELECT elapsed_ms, records FROM throughput WHERE run_id = ? ORDER BY elapsed_ms').all(
        runId,
      ) as Array<{
        elapsed_ms: number;
        records: number;
      }>
    ).map((row) => ({ elapsedMs: row.elapsed_ms, records: row.records }));
  }

  /** Everything this tool created (for rollback), newest object first. */
  createdIds(): Array<{ object: ObjectType; sourceId: string; clarifyId: string }> {
    return (
      this.stmt('SELECT object, source_id, clarify_id FROM id_map WHERE created = 1').all() as Array<{
        object: ObjectType;
        source_id: string;
        clarify_id: string;
      }>
    ).map((row) => ({ object: row.object, sourceId: row.source_id, clarifyId: row.clarify_id }));
  }
}
