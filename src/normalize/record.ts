import type { Issue, IssueCode } from '../core/issues.js';
import type { MappingOptions } from '../core/mapping.js';
import type { CanonicalRecord, SourceRecord } from '../core/records.js';
import type { Attributes, AttributeValue, FieldSpec, ObjectSchema } from '../core/schema.js';
import { parseAmount } from './amount.js';
import { parseBoolean } from './boolean.js';
import { countryCode } from './country.js';
import { parseDate } from './date.js';
import { normalizeDomain } from './domain.js';
import { normalizeEmail, splitEmails } from './email.js';
import { looksExcelMangled } from './excel.js';
import { isFreeMailDomain } from './free-mail.js';
import { stripInvisible } from './invisible.js';
import { splitFullName } from './name.js';
import { normalizePhone } from './phone.js';
import type { Normalized } from './result.js';
import { mapSelectValue } from './select.js';

export interface NormalizeContext {
  schema: ObjectSchema;
  /** Select value maps keyed `object.field` (e.g. `person.status`): source value → workspace option. */
  valueMaps: Record<string, Record<string, string>>;
  options: MappingOptions;
}

type Raw = string | string[];

/** Collects the issues of one record, each located at the record's origin. */
class Reporter {
  readonly issues: Issue[] = [];
  constructor(private readonly record: SourceRecord) {}

  add(code: IssueCode, severity: Issue['severity'], field: string, value: string, message: string): void {
    this.issues.push({
      code,
      severity,
      message,
      file: this.record.origin.file,
      line: this.record.origin.line,
      column: field,
      object: this.record.object,
      sourceId: this.record.sourceId,
      value,
    });
  }
}

/** A cell as every kind of field reads it: trimmed, without invisible format characters. */
function clean(raw: string): string {
  return stripInvisible(raw).trim();
}

function values(raw: Raw): string[] {
  if (typeof raw === 'string') {
    // The common case, one cell: no intermediate arrays (this runs for every field of every row).
    const value = clean(raw);
    return value === '' ? [] : [value];
  }
  return raw.map(clean).filter((value) => value !== '');
}

/** The pieces of list-valued cells: `a; b` → a, b (several columns may feed one list). */
function pieces(raw: Raw, separator: RegExp): string[] {
  return values(raw).flatMap((value) =>
    value
      .split(separator)
      .map((piece) => piece.trim())
      .filter((piece) => piece !== ''),
  );
}

function collection(items: string[]): AttributeValue | undefined {
  const unique = [...new Set(items)];
  return unique.length > 0 ? { items: unique } : undefined;
}

/**
 * Scalars: the first value that normalizes wins (a field may be fed by several columns); when none does,
 * the first failure is reported and nothing is sent.
 */
function scalar<T extends string | number | boolean>(
  raw: Raw,
  parse: (value: string) => Normalized<T | null>,
  onFail: (value: string, reason: string) => void,
  onWarn?: (value: string, warning: string) => void,
): T | undefined {
  let failure: { value: string; reason: string } | undefined;
  for (const value of values(raw)) {
    const result = parse(value);
    if (result.ok) {
      if (result.value === null) continue;
      if (result.warning !== undefined) onWarn?.(value, result.warning);
      return result.value;
    } else {
      failure ??= { value, reason: result.reason };
    }
  }
  if (failure) onFail(failure.value, failure.reason);
  return undefined;
}

/**
 * A value the value map sends to `""`: left out on purpose, so not a warning, but still said, so that no value
 * disappears from a row without a word in its report. (Only a non-empty value can come back as null.)
 */
function noteMappedToNothing(report: Reporter, where: string, field: string, value: string): void {
  report.add(
    'UNMAPPED_SELECT',
    'info',
    field,
    value,
    `${where}: the value map sends ${JSON.stringify(value)} to "" (no value), so it was not sent, as the mapping asks.`,
  );
}

/**
 * `object.field`, the name of a field in messages and the key of its value map. Kept per object and field:
 * normalizing runs for every field of every row, and building the string each time was a measurable part of it.
 */
const WHERE: Record<string, Map<string, string>> = {};
function whereOf(object: string, field: string): string {
  let byField = WHERE[object];
  if (byField === undefined) {
    byField = new Map();
    WHERE[object] = byField;
  }
  let where = byField.get(field);
  if (where === undefined) {
    where = `${object}.${field}`;
    byField.set(field, where);
  }
  return where;
}

function normalizeField(
  spec: FieldSpec,
  raw: Raw,
  record: SourceRecord,
  context: NormalizeContext,
  report: Reporter,
): AttributeValue | undefined {
  const field = spec.name;
  // A plain text cell, the most common field, needs nothing more.
  if (spec.kind === 'text') {
    const text = typeof raw === 'string' ? clean(raw) : values(raw)[0];
    return text === undefined || text === '' ? undefined : text;
  }
  const where = whereOf(record.object, field);
  const warn = (code: IssueCode) => (value: string, reason: string) =>
    report.add(code, 'warning', field, value, `${where}: ${reason} The value was not sent.`);

  switch (spec.kind) {
    case 'number':
      return scalar(
        raw,
        (value) => parseAmount(value, context.options.decimal),
        warn('INVALID_NUMBER'),
        (value, warning) =>
          report.add(
            'AMBIGUOUS_NUMBER',
            'warning',
            field,
            value,
            `${where}: ${warning} The value is kept as read.`,
          ),
      );
    case 'date':
      return scalar(raw, (value) => parseDate(value, context.options.date_order), warn('INVALID_DATE'));
    case 'boolean':
      // There is no INVALID_BOOLEAN code: a checkbox is a select with two options.
      return scalar(raw, parseBoolean, warn('UNMAPPED_SELECT'));
    case 'select':
      return scalar(
        raw,
        (value) => {
          const result = mapSelectValue(value, spec.options ?? [], context.valueMaps[where]);
          if (result.ok && result.value === null) noteMappedToNothing(report, where, field, value);
          return result;
        },
        warn('UNMAPPED_SELECT'),
      );
    case 'multi_select': {
      const mapped: string[] = [];
      for (const value of pieces(raw, /;/)) {
        const result = mapSelectValue(value, spec.options ?? [], context.valueMaps[where]);
        if (!result.ok) warn('UNMAPPED_SELECT')(value, result.reason);
        else if (result.value !== null) mapped.push(result.value);
        else noteMappedToNothing(report, where, field, value);
      }
      return collection(mapped);
    }
    case 'email_list': {
      const emails: string[] = [];
      const cells = values(raw);
      for (const value of cells.length === 1 ? splitEmails(cells[0]!) : cells.flatMap(splitEmails)) {
        const result = normalizeEmail(value);
        if (result.ok) emails.push(result.value);
        else warn('INVALID_EMAIL')(value, result.reason);
      }
      return collection(emails);
    }
    case 'domain_list': {
      const domains: string[] = [];
      for (const value of pieces(raw, /[;,\s]+/)) {
        const result = normalizeDomain(value);
        if (!result.ok) warn('INVALID_DOMAIN')(value, result.reason);
        else if (isFreeMailDomain(result.value)) {
          report.add(
            'FREEMAIL_DOMAIN',
            'warning',
            field,
            value,
            `${where}: ${result.value} is a free e-mail provider, not a company domain; it was not sent.`,
          );
        } else domains.push(result.value);
      }
      return collection(domains);
    }
    case 'phone_list': {
      const phones: string[] = [];
      // The row's own country (its address column) says more about its numbers than the mapping's default;
      // a country the table does not know falls back to that default.
      const own = record.region === undefined ? undefined : countryCode(record.region);
      const region = own ?? context.options.default_country;
      const values = pieces(raw, /[;,\n]/);
      if (own === undefined && record.region?.trim() && values.some((value) => !/^\s*(\+|00)/.test(value))) {
        // Said, since it decides how a number without +country is read.
        report.add(
          'UNKNOWN_COUNTRY',
          'info',
          field,
          record.region,
          `${where}: the row's country ${JSON.stringify(record.region)} is not one the tool recognises, so its numbers without +country were read as ${context.options.default_country ? `numbers of ${context.options.default_country} (options.default_country)` : 'written'}.`,
        );
      }
      for (const value of values) {
        if (looksExcelMangled(value)) {
          warn('INVALID_PHONE')(
            value,
            `${JSON.stringify(value)} was rewritten by Excel in scientific notation and its digits are lost; export the original file again.`,
          );
          continue;
        }
        const result = normalizePhone(value, region);
        if (result.ok) phones.push(result.value);
        else warn('INVALID_PHONE')(value, result.reason);
      }
      return collection(phones);
    }
    case 'string_list':
      return collection(pieces(raw, /;/));
    case 'reference':
    case 'readonly':
      return undefined;
  }
}

function isEmpty(raw: Raw | undefined): boolean {
  return raw === undefined || values(raw).length === 0;
}

/**
 * A source record → the attributes to send, valid for the workspace schema. Values that cannot be
 * normalized are dropped and reported (never sent); attributes never hold empty strings or collections.
 */
export function normalizeRecord(record: SourceRecord, context: NormalizeContext): CanonicalRecord {
  const report = new Reporter(record);
  let fields: Record<string, Raw> = record.fields;
  const schemaFields = context.schema.fields;

  // A person with only a full name: split it when the workspace has first/last name attributes (on a copy:
  // the source record stays as read).
  const hasNameParts = 'first_name' in schemaFields || 'last_name' in schemaFields;
  if (record.object === 'person' && hasNameParts && isEmpty(fields.first_name) && isEmpty(fields.last_name)) {
    const full = fields.name === undefined ? undefined : values(fields.name)[0];
    if (full !== undefined) {
      const { first_name, last_name } = splitFullName(full);
      fields = { ...fields };
      delete fields.name;
      fields.first_name = first_name;
      fields.last_name = last_name;
    }
  }

  const attributes: Attributes = {};
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) continue;
    const raw = fields[field]!;
    const spec = schemaFields[field];
    if (spec === undefined) {
      const shown = values(raw).join('; ');
      if (shown !== '') {
        report.add(
          'UNKNOWN_COLUMN',
          'info',
          field,
          shown,
          `attribute ${field} does not exist in the workspace schema for ${record.object}; the value was not sent`,
        );
      }
      continue;
    }
    const value = normalizeField(
      spec.name === field ? spec : { ...spec, name: field },
      raw,
      record,
      context,
      report,
    );
    if (value !== undefined) attributes[field] = value;
  }

  const result: CanonicalRecord = {
    object: record.object,
    sourceId: record.sourceId,
    origin: record.origin,
    attributes,
    raw: record.raw,
    issues: report.issues.length === 0 ? record.issues : [...record.issues, ...report.issues],
  };
  if (record.companySourceId !== undefined) result.companySourceId = record.companySourceId;
  if (record.matchEmails) {
    const valid: string[] = [];
    for (const email of record.matchEmails) {
      const normalized = normalizeEmail(email);
      if (normalized.ok) valid.push(normalized.value);
    }
    if (valid.length > 0) result.matchEmails = valid;
  }
  return result;
}
