import type { ObjectType } from '../core/objects.js';
import type { WorkspaceSchema } from '../core/schema.js';
import type { ExistingRecord } from '../plan/types.js';

/** What planning reads from the workspace: its schema and every record (paged with the largest page size). */
export interface SnapshotApi {
  getSchema(): Promise<WorkspaceSchema>;
  listAll(object: ObjectType): AsyncIterable<ExistingRecord>;
  requestCount(): number;
}
