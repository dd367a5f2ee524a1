/** Watches a live run through its journal (read-only; WAL lets a reader in while the CLI writes). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface Progress {
  planned: boolean;
  batchesDone: number;
  linksDone: number;
}

/** Reads the journal of a live run (read-only; WAL lets us read while the CLI writes). */
export function progress(state: string): Progress | undefined {
  const file = join(state, 'journal.db');
  if (!existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const batches = db.prepare(`SELECT count(*) AS n FROM batches`).get() as { n: number };
    const done = db.prepare(`SELECT count(*) AS n FROM batches WHERE state IN ('done','failed')`).get() as {
      n: number;
    };
    const links = db.prepare(`SELECT count(*) AS n FROM links WHERE state IN ('done','failed')`).get() as {
      n: number;
    };
    return { planned: batches.n > 0, batchesDone: done.n, linksDone: links.n };
  } catch {
    return undefined; // not created yet, or mid-migration
  } finally {
    db?.close();
  }
}
