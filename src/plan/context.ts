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

/** A workspace record a row matched, and what matched it (an email, a domain, or 'a previous run'). */
export interface WorkspaceMatch {
  id: string;
  via: string;
}

/**
 * The distinct workspace records a row matches: its known id first, then one per unique-key value.
 * Stops at two, which is already a conflict. Plain arrays: this runs once per row of a huge export.
 */
export function workspaceMatches(
  known: string | undefined,
  keys: string[],
  lookup: (key: string) => string | undefined,
): WorkspaceMatch[] {
  const matches: WorkspaceMatch[] = known === undefined ? [] : [{ id: known, via: 'a previous run' }];
  for (const key of keys) {
    const id = lookup(key);
    if (id === undefined || matches.some((match) => match.id === id)) continue;
    matches.push({ id, via: key });
    if (matches.length === 2) break;
  }
  return matches;
}
