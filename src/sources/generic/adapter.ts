import { ImportError } from '../../core/errors.js';
import type { Issue } from '../../core/issues.js';
import type { FileMapping, Mapping } from '../../core/mapping.js';
import type { ObjectType } from '../../core/objects.js';
import type { SourceRow } from '../../core/rows.js';
import type {
  ExportFile,
  FileRole,
  RowReader,
  SourceAdapter,
  SourceEvent,
} from '../../core/source-adapter.js';
import { COLLECTION_ATTRIBUTES, finishPersonName } from '../shared/columns.js';
import {
  fileIssue,
  IdRegistry,
  LinkSet,
  recordEvent,
  rowIssue,
  skipEvent,
  syntheticId,
  unknownFileIssues,
} from '../shared/events.js';
import { baseName, cell, headerKey } from '../shared/headers.js';
import { NameIndex, type NameResolution } from '../shared/name-index.js';
import { looksExcelMangled, normalizeDomain, normalizeEmail } from '../shared/normalize.js';
import { globToRegExp } from './glob.js';
import { closest } from './suggest.js';

interface GenericFile {
  file: ExportFile;
  entry: FileMapping;
  /** Position of the entry in `files:` (for messages). */
  position: number;
}

const ORDER: FileMapping['object'][] = ['company', 'person', 'deal', 'link'];
const PLURAL: Record<ObjectType, string> = { company: 'companies', person: 'people', deal: 'deals' };

/** The first `files:` entry whose glob matches the file's base name. */
function entryFor(mapping: Mapping, path: string): { entry: FileMapping; position: number } | undefined {
  const name = baseName(path);
  const position = mapping.files.findIndex((entry) => globToRegExp(entry.match).test(name));
  const entry = mapping.files[position];
  return entry ? { entry, position } : undefined;
}

/** The file's header that a mapping names: exactly, else after case/whitespace folding. */
function findHeader(headers: string[], column: string): string | undefined {
  if (headers.includes(column)) return column;
  const key = headerKey(column);
  return headers.find((header) => headerKey(header) === key);
}

/**
 * Any other CRM's CSVs, described by the mapping's `files:` entries (what each file holds, its id column,
 * which columns give which attributes and how it refers to companies, people and deals).
 */
export function createGenericAdapter(mapping: Mapping): SourceAdapter {
  const recognise = (files: ExportFile[]): GenericFile[] => {
    const result: GenericFile[] = [];
    for (const file of files) {
      const found = entryFor(mapping, file.path);
      if (found) result.push({ file, ...found });
    }
    return result;
  };
  return {
    name: 'generic',
    score(files) {
      return recognise(files).length * 10;
    },
    roles(files): FileRole[] {
      return recognise(files).map(({ file, entry }) => ({
        path: file.path,
        object: entry.object,
        role: entry.match,
      }));
    },
    async *read(files, readRows) {
      const recognised = recognise(files);
      for (const file of recognised) validate(file);
      yield* unknownFileIssues(
        files,
        recognised,
        'error',
        (name) =>
          `${name} matches no entry of "files:" in the mapping, so its rows are not imported. Add an entry such as "- match: ${name}" with its object (company, person, deal or link), id column and columns, or leave the file out.`,
      );
      yield* unusedEntryIssues(mapping, files);
      yield* new GenericRead(recognised, readRows, mapping).events();
    },
  };
}

/**
 * `files:` entries that never apply: one that matches no file given (a typo in `match` would import nothing
 * from the file it meant), and one shadowed for a file by an earlier entry (the first match wins).
 */
function* unusedEntryIssues(mapping: Mapping, files: ExportFile[]): Iterable<SourceEvent> {
  const names = files.map((file) => baseName(file.path));
  const patterns = mapping.files.map((entry) => globToRegExp(entry.match));
  for (let position = 0; position < mapping.files.length; position++) {
    const where = `files[${position}] (match "${mapping.files[position]!.match}")`;
    const matched = names.filter((name) => patterns[position]!.test(name));
    if (matched.length === 0) {
      yield fileIssue(
        '',
        'SOURCE_MISSING_FILE',
        'warning',
        `${where} in the mapping matches none of the files given (${names.join(', ')}), so it imports nothing; correct its "match:" or pass the file.`,
      );
      continue;
    }
    for (const name of matched) {
      const first = patterns.findIndex((pattern) => pattern.test(name));
      if (first === position) continue;
      yield fileIssue(
        files[names.indexOf(name)]!.path,
        'SOURCE_UNKNOWN_FILE',
        'warning',
        `${name} matches ${where} of the mapping, but files[${first}] (match "${mapping.files[first]!.match}") matches it first and is used: ${where} is not applied to it. Make the "match:" patterns distinct.`,
      );
    }
  }
}

/** Every column a `files:` entry names must be in the file: a typo would silently import nothing. */
function validate({ file, entry, position }: GenericFile): void {
  const named: Array<[string, string]> = [];
  if (entry.id) named.push(['id', entry.id]);
  for (const [attr, columns] of Object.entries(entry.columns)) {
    for (const column of Array.isArray(columns) ? columns : [columns])
      named.push([`columns.${attr}`, column]);
  }
  if (entry.company) named.push(['company', entry.company]);
  if (entry.deal) named.push(['deal', entry.deal]);
  if (entry.person) named.push(['person', entry.person]);
  const where = `files[${position}] (match "${entry.match}")`;
  for (const [key, column] of named) {
    if (findHeader(file.headers, column) !== undefined) continue;
    const suggestion = closest(column, file.headers);
    throw new ImportError(
      'MAPPING',
      `Mapping ${where} ${key}: column "${column}" is not in ${baseName(file.path)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Available columns: ${file.headers.join(', ')}.`,
      { hint: 'Correct the column name in the --mapping file (names must match the CSV header).' },
    );
  }
  if (entry.object === 'link' && (!entry.deal || !entry.person)) {
    throw new ImportError(
      'MAPPING',
      `Mapping ${where} is a link file but does not say which columns hold the deal and the person: add "deal: <column>" and "person: <column>".`,
    );
  }
}

class GenericRead {
  private readonly registries: Record<ObjectType, IdRegistry> = {
    company: new IdRegistry(),
    person: new IdRegistry(),
    deal: new IdRegistry(),
  };
  private readonly names: Record<ObjectType, NameIndex> = {
    company: new NameIndex(),
    person: new NameIndex(),
    deal: new NameIndex(),
  };
  private readonly companyDomains = new Map<string, Set<string>>();
  private readonly personEmails = new Map<string, Set<string>>();
  private readonly links = new LinkSet();

  /** Whether a companies file was given (without one, no row gets its own "company not found"). */
  private readonly hasCompanies: boolean;

  constructor(
    private readonly files: GenericFile[],
    private readonly readRows: RowReader,
    private readonly mapping: Mapping,
  ) {
    this.hasCompanies = files.some((file) => file.entry.object === 'company');
  }

  async *events(): AsyncGenerator<SourceEvent> {
    const present = new Set(this.files.map((file) => file.entry.object));
    for (const object of ORDER) {
      for (const file of this.files.filter((candidate) => candidate.entry.object === object)) {
        if (object === 'link') yield* this.readLinks(file);
        else {
          if (object !== 'company' && file.entry.company && !present.has('company')) {
            yield fileIssue(
              file.file.path,
              'SOURCE_MISSING_FILE',
              'warning',
              `${baseName(file.file.path)} refers to companies (column "${file.entry.company}") but no companies file was given: its ${PLURAL[object]} are imported without a company link.`,
            );
          }
          yield* this.readObjects(file, object);
        }
      }
    }
    yield* this.links.events();
  }

  private async *readObjects({ file, entry }: GenericFile, object: ObjectType): AsyncGenerator<SourceEvent> {
    const headers = file.headers;
    const used = new Set<string>();
    const use = (column: string | undefined) => {
      const header = column === undefined ? undefined : findHeader(headers, column);
      if (header !== undefined) used.add(header);
      return header;
    };
    const idHeader = use(entry.id);
    const attributes: Array<[string, string[]]> = Object.entries(entry.columns).map(([attr, columns]) => [
      attr,
      (Array.isArray(columns) ? columns : [columns]).map((column) => use(column)!),
    ]);
    for (const [column, attr] of Object.entries(this.mapping.columns[object] ?? {})) {
      const header = use(column);
      if (header !== undefined && attr) attributes.push([attr, [header]]);
    }
    const companyHeader = use(entry.company);
    const personHeader = use(entry.person);
    const notImported = headers.filter((header) => !used.has(header) && header.trim() !== '');
    if (notImported.length > 0) {
      yield fileIssue(
        file.path,
        'UNKNOWN_COLUMN',
        'info',
        `${notImported.length} column(s) are not imported: ${notImported.join(', ')}. To import one, add it under "columns:" of this file's entry in the --mapping file.`,
        { object },
      );
    }
    for await (const row of this.readRows(file.path)) {
      const raw = cell(row.values, idHeader);
      const id = raw || syntheticId(row);
      let skip: Issue | undefined;
      if (row.error) skip = { file: row.file, line: row.line, object, sourceId: id, ...row.error };
      else if (raw && looksExcelMangled(raw)) {
        skip = rowIssue(
          row,
          object,
          id,
          'EXCEL_MANGLED_ID',
          'error',
          `Id "${raw}" was rewritten by Excel in scientific notation; export the file again and import the original, not a copy re-saved in Excel.`,
          { column: idHeader, value: raw },
        );
      }
      if (skip) {
        this.registries[object].addSkipped(id, skip.message);
        yield skipEvent(row, object, id, skip);
        continue;
      }
      const issues: Issue[] = [];
      if (idHeader && !raw) {
        issues.push(
          rowIssue(
            row,
            object,
            id,
            'MISSING_ID',
            'warning',
            `The row has no value in "${idHeader}"; it is identified by its file and line (${id}).`,
            {
              column: idHeader,
            },
          ),
        );
      }
      const fields = rowFields(row, attributes);
      if (object === 'person') finishPersonName(fields);
      this.registries[object].addRecord(id);
      this.index(object, id, fields);
      const company = companyHeader ? this.company(entry, row, object, id, companyHeader, issues) : undefined;
      if (object === 'deal' && personHeader) {
        for (const person of this.resolvePeople(entry, row, 'deal', id, personHeader, issues))
          this.links.add(id, person, row);
      }
      yield recordEvent(row, object, id, fields, issues, company);
    }
  }

  private index(object: ObjectType, id: string, fields: Record<string, string | string[]>): void {
    const name =
      object === 'person' && typeof fields.name !== 'string'
        ? [fields.first_name, fields.last_name].filter((part) => typeof part === 'string').join(' ')
        : typeof fields.name === 'string'
          ? fields.name
          : '';
    this.names[object].add(name, id);
    const add = (map: Map<string, Set<string>>, key: string) => {
      const ids = map.get(key) ?? new Set<string>();
      ids.add(id);
      map.set(key, ids);
    };
    if (object === 'company') {
      for (const domain of list(fields.domains)) {
        const normalized = normalizeDomain(domain);
        if (normalized.ok) add(this.companyDomains, normalized.value);
      }
    }
    if (object === 'person') {
      for (const email of list(fields.email_addresses)) {
        const normalized = normalizeEmail(email);
        if (normalized.ok) add(this.personEmails, normalized.value);
      }
    }
  }

  private company(
    entry: FileMapping,
    row: SourceRow,
    object: ObjectType,
    id: string,
    header: string,
    issues: Issue[],
  ): string | undefined {
    const value = cell(row.values, header);
    // Without a companies file, its one file-level warning says that no company is linked.
    if (value === '' || !this.hasCompanies) return undefined;
    const found = this.resolve('company', entry.company_by, value);
    if (found.kind === 'found') return found.id;
    issues.push(unresolved(row, object, id, found, 'company', entry.company_by, value, header));
    return undefined;
  }

  private resolve(target: ObjectType, by: 'id' | 'name' | 'domain' | 'email', value: string): NameResolution {
    if (by === 'id') {
      return this.registries[target].has(value) ? { kind: 'found', id: value } : { kind: 'missing' };
    }
    if (by === 'name') return this.names[target].resolve(value);
    const normalized = by === 'domain' ? normalizeDomain(value) : normalizeEmail(value);
    const map = by === 'domain' ? this.companyDomains : this.personEmails;
    const ids = normalized.ok ? [...(map.get(normalized.value) ?? [])] : [];
    if (ids.length === 1) return { kind: 'found', id: ids[0]! };
    return ids.length > 1 ? { kind: 'ambiguous', candidates: ids } : { kind: 'missing' };
  }

  /** People named by a deal or link row; `;`-separated lists are accepted when linking by id or e-mail. */
  private resolvePeople(
    entry: FileMapping,
    row: SourceRow,
    object: ObjectType,
    id: string,
    header: string,
    issues: Issue[],
  ): string[] {
    const raw = cell(row.values, header);
    const values = entry.person_by === 'name' ? [raw] : raw.split(/[;,]/);
    const found: string[] = [];
    for (const value of values.map((part) => part.trim()).filter((part) => part !== '')) {
      const resolution = this.resolve('person', entry.person_by, value);
      if (resolution.kind === 'found') found.push(resolution.id);
      else issues.push(unresolved(row, object, id, resolution, 'person', entry.person_by, value, header));
    }
    return found;
  }

  private async *readLinks({ file, entry }: GenericFile): AsyncGenerator<SourceEvent> {
    const dealHeader = findHeader(file.headers, entry.deal!)!;
    const personHeader = findHeader(file.headers, entry.person!)!;
    for await (const row of this.readRows(file.path)) {
      if (row.error) {
        yield { kind: 'issue', issue: { file: row.file, line: row.line, ...row.error } };
        continue;
      }
      const dealValue = cell(row.values, dealHeader);
      if (dealValue === '') continue;
      const deal = this.resolve('deal', entry.deal_by, dealValue);
      const issues: Issue[] = [];
      if (deal.kind !== 'found') {
        issues.push(unresolved(row, 'deal', dealValue, deal, 'deal', entry.deal_by, dealValue, dealHeader));
      } else {
        for (const person of this.resolvePeople(entry, row, 'deal', deal.id, personHeader, issues)) {
          this.links.add(deal.id, person, row);
        }
      }
      for (const issue of issues) yield { kind: 'issue', issue };
    }
  }
}

function rowFields(row: SourceRow, attributes: Array<[string, string[]]>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [attr, headers] of attributes) {
    for (const header of headers) {
      const value = cell(row.values, header);
      if (value === '') continue;
      if (COLLECTION_ATTRIBUTES.has(attr)) {
        const existing = list(fields[attr]);
        if (!existing.includes(value)) fields[attr] = [...existing, value];
      } else if (fields[attr] === undefined) {
        fields[attr] = value;
      }
    }
  }
  return fields;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function unresolved(
  row: SourceRow,
  object: ObjectType,
  id: string,
  found: NameResolution,
  target: ObjectType,
  by: string,
  value: string,
  header: string,
): Issue {
  if (found.kind === 'ambiguous') {
    return rowIssue(
      row,
      object,
      id,
      'AMBIGUOUS_LINK',
      'warning',
      `${found.candidates.length} ${PLURAL[target]} match ${by} "${value}" (${found.candidates.join(', ')}); the link is not made — make the value unique or link it in Clarify by hand.`,
      { column: header, value },
    );
  }
  const code =
    target === 'company' ? 'MISSING_COMPANY' : target === 'person' ? 'MISSING_PERSON' : 'MISSING_DEAL';
  return rowIssue(
    row,
    object,
    id,
    code,
    'warning',
    `No ${target} with ${by} "${value}" is in the ${PLURAL[target]} files; the link is not made — add the file (or the row) that holds it.`,
    { column: header, value },
  );
}
