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

  private constructor(stateDir: string, db: Database.Database) {
    this.#stateDir = stateDir;
    this.#db = db;
  }

  /**
   * Throws ImportError('STATE_BUSY') when a command holds `stateDir` now; creates nothing. A command calls it
   * before it connects, so a busy state is said before any key prompt or request, and a command that then
   * fails to connect leaves no state directory behind. The lock itself is taken after (`acquire`).
   */
  static ensureFree(stateDir: string): void {
    const holder = activeHolder(stateDir);
    if (holder) throw busyError(stateDir, holder);
  }

  /**
   * Takes the state directory for `command` (created when missing), or throws ImportError('STATE_BUSY')
   * naming the command that has it. lock.db is never deleted: a command waiting on it must find the file
   * the next holder locks.
   */
  static acquire(stateDir: string, command: string): StateLock {
    let db: Database.Database;
    try {
      mkdirSync(stateDir, { recursive: true });
      db = new Database(join(stateDir, LOCK_FILE), { timeout: BRIEF_WAIT_MS });
      // Exclusive locking mode keeps the lock after the first write until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
    } catch (error) {
      throw lockFailure(stateDir, error);
    }
    try {
      // A write, only to take the exclusive lock; who holds it goes in the note beside it.
      db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY)');
      db.exec('INSERT OR REPLACE INTO lock (id) VALUES (1)');
    } catch (error) {
      db.close();
      if (isBusy(error)) throw busyError(stateDir, readHolder(stateDir));
      throw lockFailure(stateDir, error);
    }
    const lock = new StateLock(stateDir, db);
    lock.#writeHolder(command);
    return lock;
  }

  /** Runs `open` (the journal, say) under the lock, and lets the lock go if it throws. */
  guard<T>(open: () => T): T {
    try {
      return open();
    } catch (error) {
      this.release();
      throw error;
    }
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
    return readHolder(stateDir) ?? UNKNOWN_HOLDER;
  } finally {
    db?.close();
  }
}

/** A held lock whose holder is not known (its note not written yet, or gone). */
const UNKNOWN_HOLDER: LockHolder = { command: '', pid: 0, host: '', started: '' };

/**
 * The note of the lock's holder. A `kill -9` leaves the last holder's note behind, and a new holder writes
 * its own a moment after taking the lock: a note of a process that is gone (same host) names no one.
 */
function readHolder(stateDir: string): LockHolder | undefined {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(join(stateDir, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
  if (holder.host === hostname() && !isAlive(holder.pid)) return undefined;
  return holder;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** "clarify-import run (process 1234 on host, since …)" */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder || holder.pid === 0 || holder.command === '') return 'another clarify-import command';
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
