import { IntColumn } from '../core/compact/int-column.js';
import { StringIndex } from '../core/compact/string-index.js';
import { StringStore } from '../core/compact/string-store.js';
import { StringTable } from '../core/compact/string-table.js';
import { placeLabel } from './issues.js';

/**
 * What the planner remembers about each person or deal row it has planned — compactly, because a
 * million rows stream through: parallel arrays indexed by a slot number, no PlannedRecords, no raw rows.
 * It answers two questions later rows and links ask: "is this source id imported, and as which row?"
 * and "which row of the export already has this key?".
 */
const IMPORTED = 0;
const ALIAS = 1;
const DROPPED = 2;
/** Dropped by the adapter (addSkip): a later record with the same source id still takes the slot. */
const SKIPPED_ROW = 3;

export type RowFate =
  | { kind: 'missing' }
  | { kind: 'imported'; sourceId: string; file: string; line: number }
  | { kind: 'dropped'; sourceId: string; file: string; line: number; name: string; reason: string };

export class RowBook {
  readonly #slotBySource = new StringIndex();
  readonly #sourceIds = new StringStore();
  readonly #lines = new IntColumn();
  readonly #names = new StringStore();
  /** Names of slots a later row took over (rare), which the append-only store cannot overwrite. */
  readonly #renamed = new Map<number, string>();
  readonly #states = new IntColumn();
  /** The file of each slot's row, by number (people come from Contact.csv and Lead.csv, say). */
  readonly #files = new IntColumn();
  readonly #fileNames = new StringTable();
  /** The file of the rows being added now (see `at`). */
  #file = 0;
  #fileName: string | undefined;
  /** For ALIAS: the slot this row was merged into (-1 for the others; a column is cheaper than a Map here). */
  readonly #aliasOf = new IntColumn();
  /** For DROPPED/SKIPPED_ROW: why. */
  readonly #reasons = new Map<number, string>();
  /** Unique-key value (email, deal name...) → the slot that holds it. */
  readonly #keyOwner = new StringIndex();
  /** Clarify id → the slot matched to it: one workspace record, one export row. */
  readonly #claimed = new Map<string, number>();

  /** The file the next rows come from; the planner says so before each row (a compare, nearly always). */
  at(file: string): void {
    if (file === this.#fileName) return;
    this.#fileName = file;
    this.#file = this.#fileNames.number(file);
  }

  /** Where a slot's row is, for a message about a row of `from`: `line N`, with the file's name when it is another. */
  place(slot: number, from: string): string {
    return placeLabel(this.#fileNames.string(this.#files.get(slot)), this.#lines.get(slot), from);
  }

  /** The slot of an earlier *record* (not adapter skip) with this source id. */
  recordSlot(sourceId: string): number | undefined {
    const slot = this.#slotBySource.get(sourceId);
    return slot !== undefined && this.#states.get(slot) !== SKIPPED_ROW ? slot : undefined;
  }

  imported(sourceId: string, line: number, name: string): number {
    return this.#put(sourceId, line, name, IMPORTED);
  }

  dropped(sourceId: string, line: number, name: string, reason: string): number {
    const slot = this.#put(sourceId, line, name, DROPPED);
    this.#reasons.set(slot, reason);
    return slot;
  }

  /** A row the adapter skipped; never replaces a planned record of the same source id. */
  skipped(sourceId: string, line: number, reason: string): void {
    if (this.#slotBySource.has(sourceId)) return;
    const slot = this.#put(sourceId, line, '', SKIPPED_ROW);
    this.#reasons.set(slot, reason);
  }

  /** A duplicate merged into `target`: links to it go to the kept row. */
  alias(sourceId: string, line: number, name: string, target: number): void {
    const slot = this.#put(sourceId, line, name, ALIAS);
    this.#aliasOf.set(slot, this.resolve(target));
  }

  /** Follows merges to the kept row. */
  resolve(slot: number): number {
    let current = slot;
    while (this.#states.get(current) === ALIAS) current = this.#aliasOf.get(current);
    return current;
  }

  line(slot: number): number {
    return this.#lines.get(slot);
  }

  name(slot: number): string {
    return this.#renamed.get(slot) ?? this.#names.get(slot);
  }

  sourceId(slot: number): string {
    return this.#sourceIds.get(slot);
  }

  keyOwner(key: string): number | undefined {
    const slot = this.#keyOwner.get(key);
    return slot === undefined ? undefined : this.resolve(slot);
  }

  /** Records the first holder of a key; call only after `keyOwner(key)` said it has none, or to add aliases. */
  ownKey(key: string, slot: number): void {
    if (this.#keyOwner.get(key) === undefined) this.#keyOwner.set(key, slot);
  }

  claimedBy(clarifyId: string): number | undefined {
    const slot = this.#claimed.get(clarifyId);
    return slot === undefined ? undefined : this.resolve(slot);
  }

  claim(clarifyId: string, slot: number): void {
    if (this.#claimed.get(clarifyId) === undefined) this.#claimed.set(clarifyId, slot);
  }

  /**
   * The slot of the row this source id ended up as, after merges (undefined when the export has no such row).
   * With `isImported` and `fateOf`, the link resolution asks by number and builds no strings for the rows
   * that are simply imported: a million-contact export has hundreds of thousands of links.
   */
  keptSlot(sourceId: string): number | undefined {
    const first = this.#slotBySource.get(sourceId);
    return first === undefined ? undefined : this.resolve(first);
  }

  /** Whether a kept slot (see keptSlot) is imported. */
  isImported(slot: number): boolean {
    return this.#states.get(slot) === IMPORTED;
  }

  /** What became of the row of a kept slot (see keptSlot). */
  fateOf(slot: number): RowFate {
    const kept = {
      sourceId: this.#sourceIds.get(slot),
      file: this.#fileNames.string(this.#files.get(slot)),
      line: this.#lines.get(slot),
    };
    if (this.#states.get(slot) === IMPORTED) return { kind: 'imported', ...kept };
    return { kind: 'dropped', ...kept, name: this.name(slot), reason: this.#reasons.get(slot) ?? '' };
  }

  #put(sourceId: string, line: number, name: string, state: number): number {
    const existing = this.#slotBySource.get(sourceId);
    if (existing !== undefined && this.#states.get(existing) !== SKIPPED_ROW) {
      // A later row with the same source id: links keep pointing at the first one.
      return this.#append(sourceId, line, name, state);
    }
    const slot = existing ?? this.#append(sourceId, line, name, state);
    if (existing !== undefined) {
      this.#lines.set(slot, line);
      this.#files.set(slot, this.#file);
      this.#renamed.set(slot, name);
      this.#states.set(slot, state);
      this.#aliasOf.set(slot, -1);
      this.#reasons.delete(slot);
    }
    this.#slotBySource.set(sourceId, slot);
    return slot;
  }

  #append(sourceId: string, line: number, name: string, state: number): number {
    const slot = this.#sourceIds.add(sourceId);
    this.#lines.push(line);
    this.#files.push(this.#file);
    this.#names.add(name);
    this.#states.push(state);
    this.#aliasOf.push(-1);
    return slot;
  }
}
