import { ApiError, badRequest, invalid, notFound } from '../errors.js';
import { newRecordId } from '../ids.js';
import type { ObjectDef, SchemaModel } from '../schema/fields.js';
import type { RelationshipMap } from '../schema/relationships.js';
import type { LinkStore } from '../store/links.js';
import type { RecordStore, StoredRecord } from '../store/records.js';
import { type ValidationContext, validateAttributes } from './attributes.js';
import { uniqueKeysOf } from './unique-keys.js';

export interface CreateItem {
  attributes: unknown;
  /** JSON pointer of the resource in the request, e.g. `/data/3`. */
  pointer: string;
}

export interface UpdateItem extends CreateItem {
  id: string;
}

export interface WorkspaceOptions {
  duplicates: 'reject' | 'upsert';
  dealNameMatch: 'exact' | 'case-insensitive';
}

/**
 * The workspace's write rules on top of the stores: validation, uniqueness, upsert, cascades.
 * Every public mutation runs in one SQLite transaction, so a bad record anywhere in a batch (or a
 * crash) leaves nothing behind.
 */
export class Workspace {
  constructor(
    readonly schema: SchemaModel,
    readonly relationships: RelationshipMap,
    readonly records: RecordStore,
    readonly links: LinkStore,
    private readonly options: WorkspaceOptions,
  ) {}

  def(object: string): ObjectDef {
    const def = this.schema.get(object);
    if (!def) throw notFound(`Unknown object ${JSON.stringify(object)}`);
    return def;
  }

  get(object: string, id: string): StoredRecord {
    const record = this.records.get(object, id);
    if (!record) throw notFound(`No ${object} with id ${JSON.stringify(id)}`);
    return record;
  }

  private context(object: string): ValidationContext {
    return {
      exists: (target, id) => this.records.get(target, id) !== undefined,
      relationships: new Set(this.relationships.get(object)?.keys() ?? []),
    };
  }

  private keys(def: ObjectDef, attributes: Record<string, unknown>) {
    return uniqueKeysOf(def, attributes, this.options.dealNameMatch === 'case-insensitive');
  }

  /** Creates records in order; collisions are rejected (400) or, when allowed, update the match. */
  create(object: string, items: CreateItem[], matchOn: string | undefined): StoredRecord[] {
    const def = this.def(object);
    if (matchOn !== undefined && !def.uniqueFields.includes(matchOn)) {
      const allowed = def.uniqueFields.join(', ') || 'none';
      throw badRequest(`match_on must name a unique field of ${object} (${allowed})`, '/match_on');
    }
    const ctx = this.context(object);
    return this.records.transaction(() => {
      const createdHere = new Map<string, string>();
      return items.map((item) => {
        const attributes = validateAttributes(def, item.attributes, item.pointer, 'create', ctx);
        const keys = this.keys(def, attributes);
        const owners = new Set<string>();
        for (const key of keys) {
          const owner = this.records.keyOwner(object, key);
          if (owner === undefined) continue;
          const upsert = this.options.duplicates === 'upsert' || matchOn === key.field;
          if (!upsert) {
            const where = createdHere.has(owner)
              ? `record ${createdHere.get(owner)} of this request`
              : `existing ${object} ${owner}`;
            throw badRequest(
              `Duplicate ${key.field}: ${JSON.stringify(key.value)} is already used by ${where}`,
              `${item.pointer}/attributes/${key.field}`,
            );
          }
          owners.add(owner);
        }
        if (owners.size > 1) {
          throw badRequest(
            `Record matches ${owners.size} different ${object} records by its unique keys; cannot upsert`,
            `${item.pointer}/attributes`,
          );
        }
        const [owner] = owners;
        if (owner !== undefined)
          return this.applyUpdate(def, this.records.get(object, owner)!, attributes, item.pointer);
        const id = newRecordId(object);
        createdHere.set(id, item.pointer);
        return this.records.insert(object, id, attributes, keys);
      });
    });
  }

  /** PATCH semantics: only sent attributes change; unique keys must stay free of other records. */
  private applyUpdate(def: ObjectDef, record: StoredRecord, sent: Record<string, unknown>, pointer: string) {
    const merged = { ...record.attributes, ...sent };
    const keys = this.keys(def, merged);
    for (const key of keys) {
      const owner = this.records.keyOwner(def.name, key);
      if (owner !== undefined && owner !== record.id) {
        throw badRequest(
          `Duplicate ${key.field}: ${JSON.stringify(key.value)} is already used by ${def.name} ${owner}`,
          `${pointer}/attributes/${key.field}`,
        );
      }
    }
    return this.records.update(record, merged, keys);
  }

  /** Updates records; any unknown id → 404 and nothing is written. */
  update(object: string, items: UpdateItem[]): StoredRecord[] {
    const def = this.def(object);
    const ctx = this.context(object);
    items.forEach((item) => {
      if (!this.records.get(object, item.id)) {
        throw notFound(`No ${object} with id ${JSON.stringify(item.id)}`, `${item.pointer}/id`);
      }
    });
    return this.records.transaction(() =>
      items.map((item) => {
        const attributes = validateAttributes(def, item.attributes, item.pointer, 'update', ctx);
        return this.applyUpdate(def, this.records.get(object, item.id)!, attributes, item.pointer);
      }),
    );
  }

  /** Deletes records with their links; references to them (e.g. `company_id`) become null. */
  delete(object: string, ids: string[], pointerOf: (index: number) => string | undefined): void {
    this.def(object);
    ids.forEach((id, i) => {
      if (!this.records.get(object, id))
        throw notFound(`No ${object} with id ${JSON.stringify(id)}`, pointerOf(i));
    });
    this.records.transaction(() => {
      for (const id of ids) {
        this.records.delete(id);
        this.links.forgetRecord(id);
        for (const other of this.schema.values()) {
          for (const field of other.fields.values()) {
            if (field.kind === 'reference' && field.target === object) {
              this.records.clearReference(other.name, field.name, id);
            }
          }
        }
      }
    });
  }

  relationshipTarget(object: string, rel: string): string {
    this.def(object);
    const target = this.relationships.get(object)?.get(rel);
    if (!target) throw notFound(`${object} has no relationship ${JSON.stringify(rel)}`);
    return target;
  }

  listLinks(object: string, id: string, rel: string): { id: string; type: string }[] {
    const target = this.relationshipTarget(object, rel);
    this.get(object, id);
    return this.links.list(object, id, rel).map((targetId) => ({ id: targetId, type: target }));
  }

  /** Replaces, extends or shrinks a to-many relationship; unknown related ids → 422, nothing written. */
  changeLinks(object: string, id: string, rel: string, data: unknown, mode: 'replace' | 'add' | 'remove') {
    const target = this.relationshipTarget(object, rel);
    this.get(object, id);
    if (!Array.isArray(data)) throw badRequest('data must be an array of {id, type}', '/data');
    const ids = data.map((ref, i) => {
      const at = `/data/${i}`;
      if (typeof ref !== 'object' || ref === null || typeof (ref as { id?: unknown }).id !== 'string') {
        throw invalid('each entry must be {id, type}', at);
      }
      const { id: refId, type } = ref as { id: string; type?: unknown };
      if (type !== undefined && type !== target)
        throw invalid(`type must be ${JSON.stringify(target)}`, `${at}/type`);
      if (mode !== 'remove' && !this.records.get(target, refId)) {
        throw new ApiError(422, `No ${target} with id ${JSON.stringify(refId)}`, `${at}/id`);
      }
      return refId;
    });
    this.records.transaction(() => {
      if (mode === 'replace') this.links.replace(object, id, rel, ids);
      else if (mode === 'add') this.links.add(object, id, rel, ids);
      else this.links.remove(object, id, rel, ids);
      this.records.touch(id);
    });
    return this.listLinks(object, id, rel);
  }
}
