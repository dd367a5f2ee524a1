/**
 * The journal's tables. One SQLite file per state directory; every state change of a batch and every
 * row outcome is committed before the next request goes out, so a killed process loses nothing.
 *
 * Added in place by Journal.open (no version change): `links.added_person_ids`, the Clarify people a link
 * added to its deal (JSON array; NULL in journals written before it existed); `links.deal_id` and
 * `links.linked_person_ids`, the deal's Clarify id and all the people a done link left on it (JSON array),
 * so a later run knows those pairs exist without asking; `links.unchanged`, the pairs that were in place
 * already (`linked` counts only the pairs the run made); and `runs.plan_totals`, the
 * counts of a plan whose rows went to plan.jsonl instead of `records` (JSON PlanTotals; NULL otherwise).
 * Rollback's own table lives in rollback-journal.ts.
 */
export const JOURNAL_VERSION = 1;

export const JOURNAL_DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL,                -- plan | run
  status TEXT NOT NULL,              -- planning | planned | running | finished | aborted | interrupted
  source TEXT NOT NULL,
  inputs TEXT NOT NULL,              -- fingerprint of the export files (paths, sizes, mtimes)
  target TEXT NOT NULL,              -- api url + workspace (never the key)
  started_at TEXT NOT NULL,
  finished_at TEXT,
  requests INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  file_issues TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY,           -- source order
  run_id INTEGER NOT NULL,
  object TEXT NOT NULL,
  source_id TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  action TEXT NOT NULL,              -- planned: create | update | unchanged | skip | fail
  outcome TEXT,                      -- created | updated | unchanged | skipped | failed (NULL: not done yet)
  clarify_id TEXT,
  attributes TEXT NOT NULL,
  previous TEXT,
  company_source_id TEXT,
  set_company INTEGER NOT NULL DEFAULT 0,
  match_keys TEXT NOT NULL,
  reason TEXT,
  renamed_from TEXT,
  issues TEXT NOT NULL,
  raw TEXT NOT NULL,
  batch_id INTEGER
);
-- With the outcome, the counts of a run (summary, status) are read from this index alone.
CREATE INDEX IF NOT EXISTS records_by_run ON records(run_id, object, action, outcome);
CREATE INDEX IF NOT EXISTS records_by_batch ON records(batch_id);
-- A row by its source id (links, dependencies): without it each lookup scans every row of the object.
CREATE INDEX IF NOT EXISTS records_by_source ON records(run_id, object, source_id);
CREATE INDEX IF NOT EXISTS records_renamed ON records(run_id, seq) WHERE renamed_from IS NOT NULL;
CREATE TABLE IF NOT EXISTS batches (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  object TEXT NOT NULL,
  op TEXT NOT NULL,                  -- create | update
  state TEXT NOT NULL,               -- pending | in_flight | done | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_state ON batches(run_id, object, op, state);
CREATE TABLE IF NOT EXISTS links (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  deal_source_id TEXT NOT NULL,
  person_source_ids TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  issues TEXT NOT NULL,
  state TEXT NOT NULL,               -- pending | in_flight | done | failed
  linked INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  reason TEXT
);
CREATE TABLE IF NOT EXISTS id_map (
  object TEXT NOT NULL,
  source_id TEXT NOT NULL,
  clarify_id TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  created INTEGER NOT NULL,          -- 1 when this tool created the record (rollback deletes only those)
  PRIMARY KEY (object, source_id)
);
CREATE TABLE IF NOT EXISTS throughput (run_id INTEGER NOT NULL, elapsed_ms INTEGER NOT NULL, records INTEGER NOT NULL);
`;
