import type { Attributes, AttributeValue } from '../core/schema.js';
import { collapseWhitespace } from '../core/whitespace.js';

/**
 * Reading keys out of attribute bags, the same way for export records and workspace records.
 * Workspace snapshots may hold collections as `{items}` or (defensively) as bare arrays.
 */
export function itemsOf(value: AttributeValue | undefined | unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: unknown[] }).items.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

/** Distinct lower-cased, trimmed, non-empty items of a collection (emails, domains). */
export function lowerItems(value: AttributeValue | undefined): string[] {
  const items = itemsOf(value);
  if (items.length === 0) return items;
  if (items.length === 1) {
    const only = items[0]!.trim().toLowerCase();
    return only === '' ? [] : [only];
  }
  const out = new Set<string>();
  for (const item of items) {
    const key = item.trim().toLowerCase();
    if (key !== '') out.add(key);
  }
  return [...out];
}

export function textOf(value: AttributeValue | undefined): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

/** Collapses runs of whitespace so "Ann  Lee" and "Ann Lee" are the same name. */
function tidy(text: string): string {
  return text.includes('  ') || /[\t\n\r]/.test(text) ? collapseWhitespace(text).trim() : text;
}

/** First and last name of a person (`first_name`/`last_name`, or a plain `name` when that is all there is). */
export function personNameParts(attributes: Attributes): { first: string; last: string } {
  const first = tidy(textOf(attributes.first_name));
  const last = tidy(textOf(attributes.last_name));
  if (first === '' && last === '') return { first: tidy(textOf(attributes.name)), last: '' };
  return { first, last };
}

/** The person's display name ("Ann Lee"), '' when the record has none. */
export function personName(attributes: Attributes): string {
  const { first, last } = personNameParts(attributes);
  if (first === '') return last;
  if (last === '') return first;
  return `${first} ${last}`;
}

/** The company name, '' when absent (whitespace tidied: it is matched case-insensitively). */
export function companyName(attributes: Attributes): string {
  return tidy(textOf(attributes.name));
}

/** The deal name exactly as given (Clarify matches deal names exactly), '' when absent or blank. */
export function dealName(attributes: Attributes): string {
  const name = attributes.name;
  if (typeof name === 'number') return String(name);
  return typeof name === 'string' && name.trim() !== '' ? name : '';
}

/** Case-insensitive name key: names that agree ignoring case share a key. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
