/** Reads a live run's journal (read-only; WAL lets a reader in while the CLI writes). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { progress } from '../e2e/journal-watch.js';

export interface RunPhase {
  /** Status of the latest `run` in the journal (planning, planned, running, aborted...), or 'none'. */
  status: string;
  batchesDone: number;
  linksDone: number;
}

export function runPhase(state: string): RunPhase {
  const file = join(state, 'journal.db');
  let status = 'none';
  if (existsSync(file)) {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const row = db.prepare(`SELECT status FROM runs WHERE mode = 'run' ORDER BY id DESC LIMIT 1`).get() as
        | { status: string }
        | undefined;
      status = row?.status ?? 'none';
    } catch {
      status = 'unreadable'; // not created yet, or mid-migration
    } finally {
      db?.close();
    }
  }
  const p = progress(state);
  return { status, batchesDone: p?.batchesDone ?? 0, linksDone: p?.linksDone ?? 0 };
}

/** Whether the next `run` with this state resumes (skips planning) rather than plans from scratch. */
export function resumes(phase: RunPhase): boolean {
  return ['running', 'interrupted', 'aborted'].includes(phase.status);
}
