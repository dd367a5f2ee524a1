import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportError } from '../core/errors.js';

/**
 * One command at a time per state directory. Two `run`s on one state would both "resume" the same pending
 * batches and send them twice; a `plan`, `verify` or `rollback` beside a run would overwrite its reports.
 *
 * The lock is SQLite's own exclusive file lock on `<state>/lock.db`, held for the life of the command. The
 * operating system drops it when the process ends, however it ends (even `kill -9` or a power cut), so a
 * crashed command never leaves a stale lock that the user has to find and delete, and no process id has to
 * be guessed at. Who holds it is written beside it (`lock-holder.json`) only to name it in the message.
 */
export const LOCK_FILE = 'lock.db';
export const HOLDER_FILE = 'lock-holder.json';

/** How long to wait for the lock when another process holds it only for a moment (a `status`). */
const BRIEF_WAIT_MS = 500;

export interface LockHolder {
  command: string;
  pid: number;
  host: string;
  started: string;
}

export class StateLock {
  readonly #db: Database.Database;
  readonly #stateDir: string;
  /** The first directory this lock created for the state (undefined when it existed): removed again if the
   * command fails before it has written anything there. */
  readonly #created: string | undefined;

  private constructor(stateDir: string, db: Database.Database, created: string | undefined) {
    this.#stateDir = stateDir;
    this.#db = db;
    this.#created = created;
  }

  /**
   * Takes the state directory for `command` (created when missing), or throws ImportError('STATE_BUSY')
   * naming the command that has it.
   */
  static acquire(stateDir: string, command: string): StateLock {
    let db: Database.Database;
    let created: string | undefined;
    try {
      created = mkdirSync(stateDir, { recursive: true });
      db = new Database(join(stateDir, LOCK_FILE), { timeout: BRIEF_WAIT_MS });
      // Exclusive locking mode keeps the lock after the first write until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
    } catch (error) {
      throw lockFailure(stateDir, error);
    }
    try {
      db.exec('CREATE TABLE IF NOT EXISTS holder (command TEXT, pid INTEGER, started TEXT)');
      db.prepare('INSERT INTO holder VALUES (?, ?, ?)').run(command, process.pid, new Date().toISOString());
      db.exec('DELETE FROM holder WHERE rowid < (SELECT max(rowid) FROM holder)');
    } catch (error) {
      db.close();
      if (isBusy(error)) throw busyError(stateDir, readHolder(stateDir));
      throw lockFailure(stateDir, error);
    }
    const lock = new StateLock(stateDir, db, created);
    lock.#writeHolder(command);
    return lock;
  }

  /**
   * Runs `open` (the journal, say) under the lock. If it throws, the lock goes, and a state directory this
   * lock made is removed again: a command that stops before its work (no API key, say) leaves nothing behind.
   */
  guard<T>(open: () => T): T {
    try {
      return open();
    } catch (error) {
      this.#abandon();
      throw error;
    }
  }

  /** The same for work that is awaited (connecting to the API, say). */
  async guardAsync<T>(open: () => Promise<T>): Promise<T> {
    try {
      return await open();
    } catch (error) {
      this.#abandon();
      throw error;
    }
  }

  #abandon(): void {
    this.release();
    if (this.#created !== undefined) rmSync(this.#created, { recursive: true, force: true });
  }

  /** Lets the next command in. The lock also goes when the process ends, so a missed call loses nothing. */
  release(): void {
    if (!this.#db.open) return;
    rmSync(join(this.#stateDir, HOLDER_FILE), { force: true });
    this.#db.close();
  }

  #writeHolder(command: string): void {
    const holder: LockHolder = {
      command,
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
    };
    const path = join(this.#stateDir, HOLDER_FILE);
    try {
      writeFileSync(`${path}.tmp`, `${JSON.stringify(holder)}\n`);
      renameSync(`${path}.tmp`, path);
    } catch {
      // Only the message of a second command would miss the name; the lock itself holds.
    }
  }
}

/**
 * The command working in `stateDir` right now, or undefined when none is. Reads without taking the lock
 * (a shared read that fails while another process holds it), so `status` never keeps a command out.
 */
export function activeHolder(stateDir: string): LockHolder | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(join(stateDir, LOCK_FILE), { fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return undefined;
  } catch (error) {
    if (!isBusy(error)) return undefined;
    return readHolder(stateDir) ?? { command: 'clarify-import', pid: 0, host: '', started: '' };
  } finally {
    db?.close();
  }
}

function readHolder(stateDir: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** "clarify-import run (process 1234 on host, since …)" */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder || holder.pid === 0) return 'another clarify-import command';
  const where = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
  return `clarify-import ${holder.command} (process ${holder.pid}${where}, since ${holder.started})`;
}

function busyError(stateDir: string, holder: LockHolder | undefined): ImportError {
  return new ImportError('STATE_BUSY', `${stateDir} is in use by ${describeHolder(holder)}`, {
    hint: 'wait for that command to finish (`clarify-import status --state` shows its progress), or use another --state directory; two commands on one state could send the same records twice',
  });
}

function lockFailure(stateDir: string, error: unknown): ImportError {
  return new ImportError(
    'JOURNAL',
    `cannot lock the state directory ${stateDir}: ${(error as Error).message}`,
    {
      hint: 'check that --state points to a writable directory on a local disk',
      cause: error,
    },
  );
}
