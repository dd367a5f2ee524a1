import Database from 'better-sqlite3';

/**
 * Opens the sandbox database. A file database uses WAL with synchronous=NORMAL: every mutation runs
 * in one transaction, so a killed process loses at most the last commit, never half a batch.
 *
 * unique_keys is a side table holding each normalized unique value (every email of every person, every
 * domain of every company, every deal name) with its owner, so collision checks and
 * `filter[email_addresses][Contains]` lookups are index seeks rather than table scans.
 */
export type Db = Database.Database;

const MIGRATION = `
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  object TEXT NOT NULL,
  attributes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_object ON records (object, seq);
CREATE TABLE IF NOT EXISTS unique_keys (
  object TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (object, field, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unique_keys_by_record ON unique_keys (record_id);
CREATE TABLE IF NOT EXISTS links (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  object TEXT NOT NULL,
  record_id TEXT NOT NULL,
  rel TEXT NOT NULL,
  target_id TEXT NOT NULL,
  UNIQUE (object, record_id, rel, target_id)
);
CREATE INDEX IF NOT EXISTS links_by_target ON links (target_id);
`;

export function openDb(file: string | undefined): Db {
  const db = new Database(file ?? ':memory:');
  if (file) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.exec(MIGRATION);
  return db;
}
