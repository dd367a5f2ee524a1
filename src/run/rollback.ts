import type { ObjectType } from '../core/objects.js';
import type { DeleteApi } from './api-port.js';
import type { ProgressEvent } from './executor.js';
import {
  type AddedLinks,
  type CreatedRecord,
  linkKey,
  type RollbackJournal,
  type UpdatedRecord,
} from './rollback-journal.js';

/** Deletion order: links first, then what depends on companies, companies last (the reverse of the import). */
export const ROLLBACK_ORDER: readonly ObjectType[] = ['deal', 'person', 'company'];

/** What a rollback of a state directory will do, read from its journal before anything is sent. */
export interface RollbackPlan {
  /** People to take off deals the runs did not create (only those the runs added). */
  unlink: Array<AddedLinks & { personIds: string[] }>;
  /** Links on existing deals whose added people the journal does not know (written before that was recorded). */
  unknownLinks: AddedLinks[];
  /** Records the runs created and rollback has not yet deleted. */
  deletes: Record<ObjectType, CreatedRecord[]>;
  /** Records the runs only updated: kept, listed with their old values. */
  updated: UpdatedRecord[];
}

export function planRollback(journal: RollbackJournal): RollbackPlan {
  const links = journal.addedLinks();
  return {
    unlink: links.filter(
      (link): link is AddedLinks & { personIds: string[] } =>
        link.personIds !== null && link.personIds.length > 0,
    ),
    unknownLinks: links.filter((link) => link.personIds === null),
    deletes: {
      deal: journal.created('deal'),
      person: journal.created('person'),
      company: journal.created('company'),
    },
    updated: journal.updated(),
  };
}

export function rollbackIsEmpty(plan: RollbackPlan): boolean {
  return plan.unlink.length === 0 && ROLLBACK_ORDER.every((object) => plan.deletes[object].length === 0);
}

export interface RollbackFailure {
  object: ObjectType | 'deal_people';
  clarifyId: string;
  reason: string;
}

export interface RollbackCounts {
  /** Deleted (or unlinked) by this invocation. */
  done: number;
  /** Already gone (404): counted as deleted. */
  gone: number;
  failed: number;
}

export interface RollbackResult {
  status: 'finished' | 'interrupted';
  links: RollbackCounts;
  objects: Record<ObjectType, RollbackCounts>;
  failures: RollbackFailure[];
}

export interface RollbackOptions {
  /** Ids per bulk DELETE, 1–25. */
  batchSize: number;
  /** Checked between requests: the user asked to stop (Ctrl-C). */
  shouldStop: () => boolean;
  onProgress?: (event: ProgressEvent) => void;
}

const zero = (): RollbackCounts => ({ done: 0, gone: 0, failed: 0 });

/**
 * Undoes a plan: takes the added people off existing deals, then deletes the created deals, people and companies
 * in bulk batches. Every answer is journaled before the next request, so a killed rollback resumes where it
 * stopped; a record already gone (404) counts as deleted, and an atomic batch that hits one is retried id by id.
 * Throws when the API cannot be reached or refuses the key (the caller exits resumably).
 */
export async function executeRollback(
  api: DeleteApi,
  journal: RollbackJournal,
  plan: RollbackPlan,
  options: RollbackOptions,
): Promise<RollbackResult> {
  const result: RollbackResult = {
    status: 'finished',
    links: zero(),
    objects: { company: zero(), person: zero(), deal: zero() },
    failures: [],
  };

  let linksDone = 0;
  for (const link of plan.unlink) {
    if (options.shouldStop()) return { ...result, status: 'interrupted' };
    const keys = link.personIds.map((personId) => linkKey(link.dealId, personId));
    const answer = await api.removeDealPeople(link.dealId, link.personIds);
    if (answer.ok) {
      const state = answer.value === 'removed' ? 'unlinked' : 'gone';
      journal.mark('deal_people', keys, state);
      if (state === 'unlinked') result.links.done += keys.length;
      else result.links.gone += keys.length;
    } else {
      if (answer.kind === 'uncertain') throw new Error(`no answer while unlinking people: ${answer.detail}`);
      result.links.failed += keys.length;
      for (const key of keys) {
        result.failures.push({
          object: 'deal_people',
          clarifyId: key,
          reason: `Clarify refused to unlink (HTTP ${answer.status}): ${answer.detail}`,
        });
      }
    }
    options.onProgress?.({ phase: 'links', done: ++linksDone, total: plan.unlink.length });
  }

  for (const object of ROLLBACK_ORDER) {
    const ids = plan.deletes[object].map((record) => record.clarifyId);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += options.batchSize) batches.push(ids.slice(i, i + options.batchSize));
    let done = 0;
    for (const batch of batches) {
      if (options.shouldStop()) return { ...result, status: 'interrupted' };
      await deleteBatch(api, journal, object, batch, result);
      options.onProgress?.({ phase: object, done: ++done, total: batches.length });
    }
  }
  return result;
}

async function deleteBatch(
  api: DeleteApi,
  journal: RollbackJournal,
  object: ObjectType,
  ids: string[],
  result: RollbackResult,
): Promise<void> {
  const counts = result.objects[object];
  const answer = await api.bulkDelete(object, ids);
  if (answer.ok && answer.value === 'deleted') {
    journal.mark(object, ids, 'deleted');
    counts.done += ids.length;
    return;
  }
  if (!answer.ok && answer.kind === 'uncertain')
    throw new Error(`no answer while deleting: ${answer.detail}`);
  // One id of the atomic batch is gone (or was refused): nothing was deleted; find out id by id.
  for (const id of ids) {
    const single = await api.deleteRecord(object, id);
    if (single.ok) {
      journal.mark(object, [id], single.value === 'deleted' ? 'deleted' : 'gone');
      if (single.value === 'deleted') counts.done++;
      else counts.gone++;
      continue;
    }
    if (single.kind === 'uncertain') throw new Error(`no answer while deleting: ${single.detail}`);
    counts.failed++;
    result.failures.push({
      object,
      clarifyId: id,
      reason: `Clarify refused the delete (HTTP ${single.status}): ${single.detail}`,
    });
  }
}
