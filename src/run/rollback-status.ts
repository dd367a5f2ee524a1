import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ObjectType } from '../core/objects.js';
import { NOT_UNDONE, ROLLBACKS_TABLE_EXISTS } from './rollback-journal.js';

/** What `rollback` undid after a run, for `status`. */
export interface RollbackDone {
  /** When rollback last undid something (ISO time). */
  at: string;
  /** Records deleted (or found already gone) per object. */
  deleted: Record<ObjectType, number>;
  /** People taken off deals the import did not create. */
  linksRemoved: number;
  /** Records the import created that are still in the workspace: more than 0 when the rollback stopped early. */
  left: number;
}

/**
 * What rollback undid since `since` (the start of the latest run), read on a read-only connection of its
 * own: `status` must not create rollback's table, and without this it reported a rolled-back import as
 * "finished, a new run changes nothing" while a new run would create everything again. Undefined when
 * rollback undid nothing since then (never run, or run before the latest run started).
 */
export function rollbackSince(stateDir: string, since: string): RollbackDone | undefined {
  const db = new Database(join(stateDir, 'journal.db'), { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare(ROLLBACKS_TABLE_EXISTS).get();
    if (!table) return undefined;
    const rows = db
      .prepare(
        'SELECT object, COUNT(*) AS n, MAX(at) AS at FROM rollbacks WHERE at >= ? GROUP BY object ORDER BY object',
      )
      .all(since) as Array<{ object: ObjectType | 'deal_people'; n: number; at: string }>;
    if (rows.length === 0) return undefined;
    const done: RollbackDone = {
      at: rows.map((row) => row.at).sort()[rows.length - 1]!, // ISO times sort as text
      deleted: { company: 0, person: 0, deal: 0 },
      linksRemoved: 0,
      left: 0,
    };
    for (const row of rows) {
      if (row.object === 'deal_people') done.linksRemoved = row.n;
      else done.deleted[row.object] = row.n;
    }
    const left = db.prepare(`SELECT COUNT(*) AS n FROM id_map WHERE created = 1 AND ${NOT_UNDONE}`).get() as {
      n: number;
    };
    done.left = left.n;
    return done;
  } finally {
    db.close();
  }
}
