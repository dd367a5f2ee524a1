import type { Attributes, AttributeValue } from '../core/schema.js';
import { itemsOf } from './attributes.js';

/** Collections whose items Clarify compares case-insensitively (the unique keys). */
const CASE_INSENSITIVE = new Set(['email_addresses', 'domains']);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface AttributeChanges {
  /** The attributes to send: only those that differ; collections carry the union of old and new items. */
  attributes: Attributes;
  /** The workspace's values of those attributes before the change (`null` when it had none). */
  previous: Attributes;
  changed: boolean;
}

/**
 * Compares what the export says with what the workspace holds, field by field.
 * An attribute the export leaves empty never clears a workspace value, and a collection update never
 * removes an item the workspace already has (it may come from email sync): it sends the union.
 * `company_id` is not compared here; the planner resolves it from the company link.
 */
export function diffAttributes(planned: Attributes, existing: Attributes): AttributeChanges {
  const attributes: Attributes = {};
  const previous: Attributes = {};
  let changed = false;
  for (const name in planned) {
    if (name === 'company_id') continue;
    const value = planned[name];
    if (isEmpty(value)) continue;
    const old = existing[name];
    const next = changeOf(name, value!, old);
    if (next === undefined) continue;
    attributes[name] = next;
    previous[name] = old === undefined ? null : old;
    changed = true;
  }
  return { attributes, previous, changed };
}

function isEmpty(value: AttributeValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value === '';
  if (typeof value === 'object') return itemsOf(value).length === 0;
  return false;
}

/** The value to send when `value` differs from `old`, else undefined. */
function changeOf(
  name: string,
  value: AttributeValue,
  old: AttributeValue | undefined,
): AttributeValue | undefined {
  if (value === null) return undefined;
  if (typeof value === 'object') return unionOf(name, itemsOf(value), itemsOf(old));
  return sameScalar(value, old) ? undefined : value;
}

function unionOf(name: string, items: string[], oldItems: string[]): AttributeValue | undefined {
  const fold = CASE_INSENSITIVE.has(name) ? (item: string) => item.toLowerCase() : (item: string) => item;
  const have = new Set<string>();
  for (const item of oldItems) have.add(fold(item));
  const added: string[] = [];
  for (const item of items) {
    const key = fold(item);
    if (have.has(key)) continue;
    have.add(key);
    added.push(item);
  }
  return added.length === 0 ? undefined : { items: [...oldItems, ...added] };
}

function sameScalar(value: string | number | boolean, old: AttributeValue | undefined): boolean {
  if (old === null || old === undefined) return false;
  if (typeof value === 'number') {
    // 1200 and 1200.0 (or the DECIMAL string "1200.0000" a snapshot may hold) are the same amount.
    const number =
      typeof old === 'number' ? old : typeof old === 'string' && old.trim() !== '' ? Number(old) : NaN;
    return number === value;
  }
  if (typeof value === 'boolean') return old === value || old === String(value);
  if (old === value) return true;
  if (typeof old === 'number') return String(old) === value;
  // A date field the workspace returns as a midnight timestamp is the same date.
  return typeof old === 'string' && DATE_ONLY.test(value) && old.startsWith(`${value}T00:00:00`);
}
