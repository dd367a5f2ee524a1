import type { Db } from './db.js';

/** A record as stored: attributes exclude the system fields, which are derived from the columns. */
export interface StoredRecord {
  seq: number;
  id: string;
  object: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface UniqueKey {
  field: string;
  /** Normalized (e.g. lower-cased email) so that equal keys collide. */
  value: string;
}

interface Row {
  seq: number;
  id: string;
  object: string;
  attributes: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: Row): StoredRecord => ({
  seq: row.seq,
  id: row.id,
  object: row.object,
  attributes: JSON.parse(row.attributes) as Record<string, unknown>,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Record rows and their unique keys. Callers wrap mutations in `transaction`. */
export class RecordStore {
  private readonly statements;
  private lastTime = 0;

  constructor(readonly db: Db) {
    this.statements = {
      get: db.prepare<[string, string], Row>('SELECT * FROM records WHERE object = ? AND id = ?'),
      insert: db.prepare<[string, string, string, string, string], { seq: number }>(
        'INSERT INTO records (id, object, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING seq',
      ),
      update: db.prepare('UPDATE records SET attributes = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM records WHERE id = ?'),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM records WHERE object = ?'),
      pageAsc: db.prepare<[string, number, number], Row>(
        'SELECT * FROM records WHERE object = ? ORDER BY seq ASC LIMIT ? OFFSET ?',
      ),
      pageDesc: db.prepare<[string, number, number], Row>(
        'SELECT * FROM records WHERE object = ? ORDER BY seq DESC LIMIT ? OFFSET ?',
      ),
      all: db.prepare<[string], Row>('SELECT * FROM records WHERE object = ? ORDER BY seq'),
      keyOwner: db.prepare<[string, string, string], { record_id: string }>(
        'SELECT record_id FROM unique_keys WHERE object = ? AND field = ? AND value = ?',
      ),
      addKey: db.prepare('INSERT INTO unique_keys (object, field, value, record_id) VALUES (?, ?, ?, ?)'),
      dropKeys: db.prepare('DELETE FROM unique_keys WHERE record_id = ?'),
      touch: db.prepare('UPDATE records SET updated_at = ? WHERE id = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get(object: string, id: string): StoredRecord | undefined {
    const row = this.statements.get.get(object, id);
    return row ? toRecord(row) : undefined;
  }

  /** Strictly increasing ISO timestamps, so `_updated_at` always moves on an update. */
  now(): string {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  insert(object: string, id: string, attributes: Record<string, unknown>, keys: UniqueKey[]): StoredRecord {
    const now = this.now();
    const { seq } = this.statements.insert.get(id, object, JSON.stringify(attributes), now, now)!;
    this.setKeys(object, id, keys);
    return { seq, id, object, attributes, createdAt: now, updatedAt: now };
  }

  update(record: StoredRecord, attributes: Record<string, unknown>, keys: UniqueKey[]): StoredRecord {
    const now = this.now();
    this.statements.update.run(JSON.stringify(attributes), now, record.id);
    this.setKeys(record.object, record.id, keys);
    return { ...record, attributes, updatedAt: now };
  }

  delete(id: string): void {
    this.statements.delete.run(id);
    this.statements.dropKeys.run(id);
  }

  /** A relationship change counts as an update of the owning record. */
  touch(id: string): void {
    this.statements.touch.run(this.now(), id);
  }

  /** Nulls `field` wherever it points at `id` (the referenced record was deleted). */
  clearReference(object: string, field: string, id: string): void {
    const path = `$.${JSON.stringify(field)}`;
    this.db
      .prepare(
        'UPDATE records SET attributes = json_set(attributes, ?, NULL) WHERE object = ? AND json_extract(attributes, ?) = ?',
      )
      .run(path, object, path, id);
  }

  keyOwner(object: string, key: UniqueKey): string | undefined {
    return this.statements.keyOwner.get(object, key.field, key.value)?.record_id;
  }

  count(object: string): number {
    return this.statements.count.get(object)!.n;
  }

  /** One page in creation order (or its reverse), straight from the (object, seq) index. */
  page(object: string, limit: number, offset: number, descending: boolean): StoredRecord[] {
    const statement = descending ? this.statements.pageDesc : this.statements.pageAsc;
    return statement.all(object, limit, offset).map(toRecord);
  }

  all(object: string): StoredRecord[] {
    return this.statements.all.all(object).map(toRecord);
  }

  private setKeys(object: string, id: string, keys: UniqueKey[]): void {
    this.statements.dropKeys.run(id);
    for (const key of keys) this.statements.addKey.run(object, key.field, key.value, id);
  }
}
