import type { Workspace } from './write/workspace.js';

/** The whole workspace, record by record, for tests that compare final states. */
export interface DumpedRecord {
  id: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** To-many relationships by name → related ids in link order (only for objects that have them). */
  relationships: Record<string, string[]>;
}

export type WorkspaceDump = Record<string, DumpedRecord[]>;

export function dumpWorkspace(ws: Workspace): WorkspaceDump {
  const dump: WorkspaceDump = {};
  for (const object of ws.schema.keys()) {
    const rels = [...(ws.relationships.get(object)?.keys() ?? [])];
    dump[object] = ws.records.all(object).map((record) => ({
      id: record.id,
      attributes: record.attributes,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      relationships: Object.fromEntries(rels.map((rel) => [rel, ws.links.list(object, record.id, rel)])),
    }));
  }
  return dump;
}
