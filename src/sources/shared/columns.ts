import type { Issue } from '../../core/issues.js';
import type { ObjectType } from '../../core/objects.js';
import { headerKey } from './headers.js';

/** Clarify attributes that hold several values; the adapters emit them as arrays of raw strings. */
export const COLLECTION_ATTRIBUTES: ReadonlySet<string> = new Set([
  'domains',
  'email_addresses',
  'phone_numbers',
]);

export interface ColumnTarget {
  attr: string;
  /** Splits one cell into several values (e.g. HubSpot `Additional Domains`, `;`-joined). */
  split?: RegExp;
  /** Used only when no other column gave the attribute a value (e.g. Website URL after Company Domain Name). */
  fallback?: boolean;
}

/** A vendor's built-in column map: header (any spelling `headerKey` folds) → attribute. */
export type BuiltinColumns = Record<string, string | ColumnTarget>;

interface PlannedColumn {
  header: string;
  target: ColumnTarget;
}

/**
 * What one file's columns become: attributes, structural columns the adapter reads itself (ids,
 * associations), columns the user ignored (mapping `null`) and columns not imported at all.
 */
export class ColumnPlan {
  readonly columns: PlannedColumn[] = [];
  readonly notImported: string[] = [];
  readonly regionHeaders: string[] = [];

  constructor(
    readonly file: string,
    readonly object: ObjectType,
    headers: string[],
    options: {
      builtin: BuiltinColumns;
      /** Keys (after `canon`) of the columns the adapter reads itself. */
      structural?: ReadonlySet<string>;
      /** The user's mapping for this object: column → attribute, or null to ignore it. */
      overrides?: Record<string, string | null>;
      /** Folds vendor spelling variants after `headerKey` (e.g. Pipedrive `Email (Work)` → `Email - Work`). */
      canon?: (key: string) => string;
      /**
       * Columns holding the row's country, preferred first (`MailingCountryCode`, then `MailingCountry`).
       * Their value is not an attribute; it is the default region of the row's phone numbers.
       */
      region?: readonly string[];
    },
  ) {
    const canon = options.canon ?? ((key: string) => key);
    const present = new Map<string, string>();
    for (const header of headers) {
      const key = canon(headerKey(header));
      if (!present.has(key)) present.set(key, header);
    }
    for (const header of options.region ?? []) {
      const found = present.get(canon(headerKey(header)));
      if (found !== undefined && !this.regionHeaders.includes(found)) this.regionHeaders.push(found);
    }
    const builtin = new Map<string, ColumnTarget>();
    for (const [header, target] of Object.entries(options.builtin)) {
      builtin.set(canon(headerKey(header)), typeof target === 'string' ? { attr: target } : target);
    }
    const overrides = new Map<string, string | null>();
    for (const [header, attr] of Object.entries(options.overrides ?? {})) {
      overrides.set(canon(headerKey(header)), attr);
    }
    for (const header of headers) {
      const key = canon(headerKey(header));
      if (overrides.has(key)) {
        const attr = overrides.get(key);
        if (attr) this.columns.push({ header, target: { attr } });
        continue;
      }
      const target = builtin.get(key);
      if (target) this.columns.push({ header, target });
      else if (!options.structural?.has(key) && header.trim() !== '') this.notImported.push(header);
    }
  }

  /** The attributes of one row: raw strings, collections as arrays; empty cells are left out. */
  fields(values: Record<string, string>): Record<string, string | string[]> {
    const fields: Record<string, string | string[]> = {};
    const fallbacks: PlannedColumn[] = [];
    for (const column of this.columns) {
      if (column.target.fallback) fallbacks.push(column);
      else addValue(fields, column, values[column.header] ?? '');
    }
    for (const column of fallbacks) {
      if (fields[column.target.attr] === undefined) addValue(fields, column, values[column.header] ?? '');
    }
    return fields;
  }

  /** The row's country as written in the first non-empty region column, if any. */
  region(values: Record<string, string>): string | undefined {
    for (const header of this.regionHeaders) {
      const value = values[header]?.trim();
      if (value) return value;
    }
    return undefined;
  }

  /** The one info issue listing the columns this file does not import (undefined when there are none). */
  unknownColumnsIssue(): Issue | undefined {
    if (this.notImported.length === 0) return undefined;
    const shown = this.notImported.slice(0, 40).join(', ');
    const more = this.notImported.length > 40 ? ` and ${this.notImported.length - 40} more` : '';
    return {
      code: 'UNKNOWN_COLUMN',
      severity: 'info',
      message:
        `${this.notImported.length} column(s) are not imported: ${shown}${more}. ` +
        `To import one, map it under columns.${this.object} in the --mapping file (column: attribute).`,
      file: this.file,
      object: this.object,
    };
  }
}

function addValue(fields: Record<string, string | string[]>, column: PlannedColumn, raw: string): void {
  const { attr, split } = column.target;
  if (!split && !COLLECTION_ATTRIBUTES.has(attr)) {
    // One plain cell, the common case: no intermediate arrays (this runs for every cell of every row).
    const value = raw.trim();
    if (value !== '' && fields[attr] === undefined) fields[attr] = value;
    return;
  }
  const parts = (split ? raw.split(split) : [raw]).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) return;
  if (COLLECTION_ATTRIBUTES.has(attr)) {
    const existing = fields[attr];
    const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
    for (const part of parts) if (!list.includes(part)) list.push(part);
    fields[attr] = list;
  } else if (fields[attr] === undefined) {
    fields[attr] = parts.join('; ');
  }
}

/** A person needs a raw `name` only when the export has no first/last name. */
export function finishPersonName(fields: Record<string, string | string[]>): void {
  if (fields.first_name !== undefined || fields.last_name !== undefined) delete fields.name;
}
