import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportError } from '../core/errors.js';
import type { ObjectType } from '../core/objects.js';
import type { Attributes } from '../core/schema.js';

/** What rollback did to one Clarify id: deleted it, found it already gone (404), or took a link off a deal. */
export type RollbackState = 'deleted' | 'gone' | 'unlinked';

/** `deal_people` rows are keyed `<deal id>/<person id>`: one per person taken off a deal. */
export type RollbackObject = ObjectType | 'deal_people';

export const ROLLBACK_DDL = `
CREATE TABLE IF NOT EXISTS rollbacks (
  object TEXT NOT NULL,              -- company | person | deal | deal_people
  clarify_id TEXT NOT NULL,          -- deal_people: '<deal id>/<person id>'
  state TEXT NOT NULL,               -- deleted | gone | unlinked
  at TEXT NOT NULL,
  PRIMARY KEY (object, clarify_id)
);
`;

/** Whether rollback ever ran in a journal: its table is made on its first run. */
export const ROLLBACKS_TABLE_EXISTS =
  "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rollbacks'";

/** The `id_map` rows rollback has not undone yet (a condition on `id_map`). */
export const NOT_UNDONE =
  'NOT EXISTS (SELECT 1 FROM rollbacks r WHERE r.object = id_map.object AND r.clarify_id = id_map.clarify_id)';

export interface CreatedRecord {
  object: ObjectType;
  sourceId: string;
  clarifyId: string;
}

/** People a run added to a deal it did not create. `personIds` null: the journal predates that record. */
export interface AddedLinks {
  dealSourceId: string;
  dealId: string;
  personIds: string[] | null;
  /** Source ids of the people the export linked, for the report when `personIds` is unknown. */
  personSourceIds: string[];
}

export interface UpdatedRecord {
  object: ObjectType;
  sourceId: string;
  clarifyId: string;
  file: string;
  line: number;
  /** The values the run wrote. */
  attributes: Attributes;
  /** The values before the run (null: the field was empty). */
  previous: Attributes;
}

/**
 * Rollback's view of a state directory's journal, on its own connection: what the runs created, which links
 * they added to existing deals, what they only updated, and — in `rollbacks` — what rollback already undid,
 * so an interrupted rollback resumes and a second one sends nothing. Leaves the import's tables unchanged.
 */
export class RollbackJournal {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** Throws the usage error for a directory that holds no import's journal. */
  static assertExists(stateDir: string): void {
    if (!existsSync(join(stateDir, 'journal.db'))) {
      throw new ImportError('USAGE', `${stateDir}: no import has been run here`, {
        hint: 'pass the --state directory of the run to roll back',
      });
    }
  }

  static open(stateDir: string): RollbackJournal {
    RollbackJournal.assertExists(stateDir);
    const path = join(stateDir, 'journal.db');
    try {
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(ROLLBACK_DDL);
      return new RollbackJournal(path, db);
    } catch (error) {
      throw new ImportError('JOURNAL', `cannot open the journal ${path}: ${(error as Error).message}`, {
        hint: 'check that --state points to a writable directory',
        cause: error,
      });
    }
  }

  close(): void {
    this.db.close();
  }

  /** API URL + workspace the runs wrote to (`<url> workspace <slug>`), newest run first. */
  runTargets(): string[] {
    return (
      this.db.prepare("SELECT DISTINCT target FROM runs WHERE mode = 'run' ORDER BY id DESC").all() as Array<{
        target: string;
      }>
    ).map((row) => row.target);
  }

  /** Whether any `run` (not only a plan) was started from this state. */
  hasRuns(): boolean {
    return this.db.prepare("SELECT 1 FROM runs WHERE mode = 'run' LIMIT 1").get() !== undefined;
  }

  /** Records a run created (id_map.created = 1), not yet undone. */
  created(object: ObjectType): CreatedRecord[] {
    return (
      this.db
        .prepare(
          `SELECT object, source_id, clarify_id FROM id_map
           WHERE created = 1 AND object = ? AND ${NOT_UNDONE}
           ORDER BY run_id, source_id`,
        )
        .all(object) as Array<{ object: ObjectType; source_id: string; clarify_id: string }>
    ).map((row) => ({ object: row.object, sourceId: row.source_id, clarifyId: row.clarify_id }));
  }

  /** Everything a run created, undone or not (for the report). */
  createdCount(object: ObjectType): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM id_map WHERE created = 1 AND object = ?').get(object) as {
        n: number;
      }
    ).n;
  }

  /**
   * Links the runs made on deals they did not create (those go with the deal), per deal, merged across runs,
   * minus the ones already taken off. Links that were never attempted (pending) or refused are left out.
   */
  addedLinks(): AddedLinks[] {
    const rows = this.db
      .prepare(
        `SELECT l.deal_source_id, l.person_source_ids, l.added_person_ids, m.clarify_id AS deal_id
         FROM links l JOIN id_map m ON m.object = 'deal' AND m.source_id = l.deal_source_id
         WHERE m.created = 0 AND l.state IN ('done', 'in_flight') ORDER BY l.id`,
      )
      .all() as Array<{
      deal_source_id: string;
      person_source_ids: string;
      added_person_ids: string | null;
      deal_id: string;
    }>;
    const undone = this.db.prepare("SELECT 1 FROM rollbacks WHERE object = 'deal_people' AND clarify_id = ?");
    const byDeal = new Map<string, AddedLinks>();
    for (const row of rows) {
      let entry = byDeal.get(row.deal_id);
      if (!entry) {
        entry = { dealSourceId: row.deal_source_id, dealId: row.deal_id, personIds: [], personSourceIds: [] };
        byDeal.set(row.deal_id, entry);
      }
      entry.personSourceIds.push(...(JSON.parse(row.person_source_ids) as string[]));
      if (row.added_person_ids === null) entry.personIds = null;
      else if (entry.personIds !== null) {
        for (const id of JSON.parse(row.added_person_ids) as string[]) {
          if (!entry.personIds.includes(id) && !undone.get(linkKey(row.deal_id, id)))
            entry.personIds.push(id);
        }
      }
    }
    return [...byDeal.values()];
  }

  /** Records the runs only updated (kept by rollback), with the fields they changed and the old values. */
  updated(): UpdatedRecord[] {
    return (
      this.db
        .prepare(
          `SELECT r.object, r.source_id, r.clarify_id, r.file, r.line, r.attributes, r.previous
           FROM records r JOIN runs ON runs.id = r.run_id
           WHERE runs.mode = 'run' AND r.action = 'update' AND r.outcome = 'updated' AND r.clarify_id IS NOT NULL
           ORDER BY r.run_id, r.seq`,
        )
        .all() as Array<{
        object: ObjectType;
        source_id: string;
        clarify_id: string;
        file: string;
        line: number;
        attributes: string;
        previous: string | null;
      }>
    ).map((row) => ({
      object: row.object,
      sourceId: row.source_id,
      clarifyId: row.clarify_id,
      file: row.file,
      line: row.line,
      attributes: JSON.parse(row.attributes) as Attributes,
      previous: row.previous ? (JSON.parse(row.previous) as Attributes) : {},
    }));
  }

  /** Journals what was undone; committed before the next request goes out. */
  mark(object: RollbackObject, clarifyIds: string[], state: RollbackState): void {
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO rollbacks(object, clarify_id, state, at) VALUES (?, ?, ?, ?)',
    );
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const id of clarifyIds) insert.run(object, id, state, at);
    })();
  }

  /** How many ids of an object rollback has undone, by state (this and earlier invocations). */
  undone(object: RollbackObject): Record<RollbackState, number> {
    const counts: Record<RollbackState, number> = { deleted: 0, gone: 0, unlinked: 0 };
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM rollbacks WHERE object = ? GROUP BY state')
      .all(object) as Array<{ state: RollbackState; n: number }>;
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}

export function linkKey(dealId: string, personId: string): string {
  return `${dealId}/${personId}`;
}
