import type { Db } from './db.js';

/** To-many relationships (deal→people, deal→companies, person→companies), in the order they were linked. */
export class LinkStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      list: db.prepare<[string, string, string], { target_id: string }>(
        'SELECT target_id FROM links WHERE object = ? AND record_id = ? AND rel = ? ORDER BY seq',
      ),
      add: db.prepare('INSERT OR IGNORE INTO links (object, record_id, rel, target_id) VALUES (?, ?, ?, ?)'),
      remove: db.prepare(
        'DELETE FROM links WHERE object = ? AND record_id = ? AND rel = ? AND target_id = ?',
      ),
      clear: db.prepare('DELETE FROM links WHERE object = ? AND record_id = ? AND rel = ?'),
      forgetRecord: db.prepare('DELETE FROM links WHERE record_id = ? OR target_id = ?'),
    };
  }

  list(object: string, id: string, rel: string): string[] {
    return this.statements.list.all(object, id, rel).map((row) => row.target_id);
  }

  add(object: string, id: string, rel: string, targets: string[]): void {
    for (const target of targets) this.statements.add.run(object, id, rel, target);
  }

  remove(object: string, id: string, rel: string, targets: string[]): void {
    for (const target of targets) this.statements.remove.run(object, id, rel, target);
  }

  replace(object: string, id: string, rel: string, targets: string[]): void {
    this.statements.clear.run(object, id, rel);
    this.add(object, id, rel, targets);
  }

  /** A deleted record disappears from both ends of every relationship. */
  forgetRecord(id: string): void {
    this.statements.forgetRecord.run(id, id);
  }
}
