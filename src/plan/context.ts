import type { ObjectType } from '../core/objects.js';
import type { CompanyBook } from './company-book.js';
import type { DealNames } from './deal-names.js';
import type { RowBook } from './row-book.js';
import type { PlannerOptions } from './types.js';
import type { WorkspaceIndex } from './workspace-index.js';

/** Everything the per-object planners share: the snapshot, the options and what earlier rows left behind. */
export interface PlanContext {
  index: WorkspaceIndex;
  options: PlannerOptions;
  companies: CompanyBook;
  people: RowBook;
  deals: RowBook;
  dealNames: DealNames;
}

/** The id a previous run recorded for this row, when the workspace still holds that record. */
export function knownId(ctx: PlanContext, object: ObjectType, sourceId: string): string | undefined {
  const id = ctx.options.knownId?.(object, sourceId);
  return id !== undefined && ctx.index.has(object, id) ? id : undefined;
}
