import type { Issue } from '../../core/issues.js';
import type { Mapping } from '../../core/mapping.js';
import type { ObjectType } from '../../core/objects.js';
import type { SourceRow } from '../../core/rows.js';
import type {
  ExportFile,
  FileRole,
  RowReader,
  SourceAdapter,
  SourceEvent,
} from '../../core/source-adapter.js';
import { type CatchAllRule, catchAllCompanyMessage, catchAllRuleOf } from '../shared/catch-all.js';
import { ColumnPlan, finishPersonName } from '../shared/columns.js';
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
import { baseName, cell, HeaderIndex } from '../shared/headers.js';
import { NameIndex, type NameResolution } from '../shared/name-index.js';
import { looksExcelMangled, normalizeEmail, splitEmails } from '../shared/normalize.js';
import {
  BUILTIN,
  COL,
  canon,
  classifyPipedriveFile,
  EMAIL_COLUMNS,
  idColumn,
  PHONE_COLUMNS,
  structural,
} from './columns.js';

const FILE_LABEL: Record<ObjectType, string> = { company: 'organizations', person: 'people', deal: 'deals' };
const OBJECT_ORDER: ObjectType[] = ['company', 'person', 'deal'];

interface PipedriveFile {
  file: ExportFile;
  object: ObjectType;
  index: HeaderIndex;
}

/**
 * Pipedrive list-view exports. Links are made by display name (`Person - Organization`,
 * `Deal - Organization`, `Deal - Contact person`), resolved exactly and never guessed. Rows without an
 * `… - ID` column get the id `<file name>#<line>` (stable while the file is unchanged).
 */
export function createPipedriveAdapter(mapping: Mapping): SourceAdapter {
  const recognise = (files: ExportFile[]): PipedriveFile[] => {
    const result: PipedriveFile[] = [];
    for (const file of files) {
      const kind = classifyPipedriveFile(file.headers);
      if (kind) result.push({ file, object: kind.object, index: new HeaderIndex(file.headers, canon) });
    }
    return result;
  };
  return {
    name: 'pipedrive',
    score(files) {
      return files.reduce((sum, file) => sum + (classifyPipedriveFile(file.headers)?.score ?? 0), 0);
    },
    roles(files): FileRole[] {
      return recognise(files).map(({ file, object }) => ({
        path: file.path,
        object,
        role: FILE_LABEL[object],
      }));
    },
    async *read(files, readRows) {
      const recognised = recognise(files);
      yield* unknownFileIssues(
        files,
        recognised,
        'warning',
        (name) =>
          `${name} is not a Pipedrive organizations, people or deals export (no "Organization - …", "Person - …" or "Deal - …" columns); it is not imported.`,
      );
      yield* new PipedriveRead(recognised, readRows, mapping).events();
    },
  };
}

class PipedriveRead {
  private readonly registries: Record<ObjectType, IdRegistry> = {
    company: new IdRegistry(),
    person: new IdRegistry(),
    deal: new IdRegistry(),
  };
  private readonly companyNames = new NameIndex();
  private readonly companyLabel = new Map<string, string>();
  private readonly people = new NameIndex();
  private readonly peopleByCompany = new Map<string, NameIndex>();
  private readonly personLabel = new Map<string, string>();
  private readonly links = new LinkSet();

  /** The objects whose export was given. */
  private readonly present: Set<ObjectType>;
  /** Placeholder organization names ("Unknown"), not created; undefined when the mapping imports them. */
  private readonly catchAll: CatchAllRule | undefined;

  constructor(
    private readonly files: PipedriveFile[],
    private readonly readRows: RowReader,
    private readonly mapping: Mapping,
  ) {
    this.present = new Set(files.map((entry) => entry.object));
    this.catchAll = catchAllRuleOf(mapping.options);
  }

  async *events(): AsyncGenerator<SourceEvent> {
    for (const object of OBJECT_ORDER) {
      for (const entry of this.files.filter((candidate) => candidate.object === object)) {
        yield* this.missingFiles(entry, this.present);
        yield* this.readFile(entry);
      }
    }
    yield* this.links.events();
  }

  private *missingFiles(entry: PipedriveFile, present: Set<ObjectType>): Iterable<SourceEvent> {
    const name = baseName(entry.file.path);
    const refersToOrg = entry.index.has(COL.personOrg, COL.dealOrg, COL.orgName);
    if (entry.object !== 'company' && refersToOrg && !present.has('company')) {
      yield fileIssue(
        entry.file.path,
        'SOURCE_MISSING_FILE',
        'warning',
        `${name} names organizations but no Pipedrive organizations export was given: its ${FILE_LABEL[entry.object]} are imported without a company link. Add the organizations export to link them.`,
      );
    }
    if (entry.object === 'deal' && entry.index.has(COL.dealPerson) && !present.has('person')) {
      yield fileIssue(
        entry.file.path,
        'SOURCE_MISSING_FILE',
        'warning',
        `${name} names contact persons but no Pipedrive people export was given: deals are imported without their people. Add the people export to link them.`,
      );
    }
  }

  private async *readFile(entry: PipedriveFile): AsyncGenerator<SourceEvent> {
    const { object } = entry;
    const plan = new ColumnPlan(entry.file.path, object, entry.file.headers, {
      builtin: BUILTIN[object],
      structural: structural(object),
      overrides: this.mapping.columns[object],
      canon,
    });
    const unknown = plan.unknownColumnsIssue();
    if (unknown) yield { kind: 'issue', issue: unknown };
    const idHeader = entry.index.find(idColumn(object));
    for await (const row of this.readRows(entry.file.path)) {
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
          `ID "${raw}" was rewritten by Excel; export the ${FILE_LABEL[object]} from Pipedrive again and import the original file.`,
          { column: idHeader, value: raw },
        );
      }
      if (skip) {
        this.registries[object].addSkipped(id, skip.message);
        yield skipEvent(row, object, id, skip);
        continue;
      }
      this.registries[object].addRecord(id);
      const fields = plan.fields(row.values);
      const issues: Issue[] = [];
      if (object === 'company') {
        const name = typeof fields.name === 'string' ? fields.name : '';
        if (this.catchAll?.isPlaceholder(name)) {
          const message = catchAllCompanyMessage(name);
          yield skipEvent(
            row,
            object,
            id,
            rowIssue(row, object, id, 'CATCH_ALL_ACCOUNT', 'warning', message, { value: name }),
          );
          continue;
        }
        this.companyNames.add(name, id);
        this.companyLabel.set(id, name || id);
        yield recordEvent(row, object, id, fields, issues);
      } else if (object === 'person') {
        const otherEmails = this.personContacts(entry, row, id, fields, issues);
        finishPersonName(fields);
        const company = this.company(entry, row, id, [COL.personOrg, COL.orgName], issues);
        const name = personName(fields);
        this.people.add(name, id);
        if (company) {
          const inCompany = this.peopleByCompany.get(company) ?? new NameIndex();
          inCompany.add(name, id);
          this.peopleByCompany.set(company, inCompany);
        }
        this.personLabel.set(
          id,
          `${name || id} (${company ? this.companyLabel.get(company) : 'no organization'})`,
        );
        const event = recordEvent(row, object, id, fields, issues, company);
        if (otherEmails.length > 0 && event.kind === 'record') event.record.matchEmails = otherEmails;
        yield event;
      } else {
        const status = cell(row.values, entry.index.find(COL.dealStatus));
        if (/^(won|lost)$/i.test(status)) fields.stage = status;
        const company = this.company(entry, row, id, [COL.dealOrg, COL.orgName], issues);
        const person = this.contactPerson(entry, row, id, company);
        if (typeof person === 'string') this.links.add(id, person, row);
        else if (person) this.links.addUnresolved(id, person, row);
        yield recordEvent(row, object, id, fields, issues, company);
      }
    }
  }

  /**
   * E-mails: the first valid address is kept (others reported as dropped); all phones are kept. Returns the
   * dropped addresses, which the planner still uses to find the person already in the workspace.
   */
  private personContacts(
    entry: PipedriveFile,
    row: SourceRow,
    id: string,
    fields: Record<string, string | string[]>,
    issues: Issue[],
  ): string[] {
    let dropped: string[] = [];
    const emails: string[] = [];
    for (const column of EMAIL_COLUMNS) {
      for (const piece of splitEmails(cell(row.values, entry.index.find(column)))) {
        if (!emails.includes(piece)) emails.push(piece);
      }
    }
    if (!fields.email_addresses && emails.length > 0) {
      const kept = emails.find((email) => normalizeEmail(email).ok) ?? emails[0]!;
      fields.email_addresses = [kept];
      dropped = emails.filter((email) => email !== kept);
      if (dropped.length > 0) {
        const described = dropped.map((email) =>
          normalizeEmail(email).ok ? email : `${email} (not a valid address)`,
        );
        issues.push(
          rowIssue(
            row,
            'person',
            id,
            'DROPPED_EMAIL',
            'warning',
            `The person has ${emails.length} e-mail addresses; ${kept} is imported and ${described.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not. Add ${dropped.length === 1 ? 'it' : 'them'} in Clarify by hand if needed.`,
            { value: dropped.join(', ') },
          ),
        );
      }
    }
    const phones: string[] = Array.isArray(fields.phone_numbers) ? [...fields.phone_numbers] : [];
    for (const column of PHONE_COLUMNS) {
      for (const piece of cell(row.values, entry.index.find(column)).split(/[,;]/)) {
        const phone = piece.trim();
        if (phone !== '' && !phones.includes(phone)) phones.push(phone);
      }
    }
    if (phones.length > 0) fields.phone_numbers = phones;
    return dropped;
  }

  /** The organization a person or deal names, resolved by name among the exported organizations. */
  private company(
    entry: PipedriveFile,
    row: SourceRow,
    id: string,
    columns: string[],
    issues: Issue[],
  ): string | undefined {
    // Without the organizations export, its one file-level warning says that no company is linked.
    if (!this.present.has('company')) return undefined;
    const header = entry.index.find(...columns);
    const name = cell(row.values, header);
    if (name === '') return undefined;
    const found = this.companyNames.resolve(name);
    if (found.kind === 'found') return found.id;
    if (found.kind === 'missing' && this.catchAll?.isPlaceholder(name)) {
      const owner = entry.object === 'deal' ? 'deal' : 'person';
      issues.push(
        rowIssue(
          row,
          entry.object,
          id,
          entry.object === 'deal' ? 'CATCH_ALL_ACCOUNT' : 'CATCH_ALL_CONTACT',
          'info',
          `The ${owner} belongs to the catch-all organization "${name}", which is not created; the ${owner} is imported without a company.`,
          { column: header, value: name },
        ),
      );
      return undefined;
    }
    issues.push(
      this.unresolved(row, entry.object, id, found, 'MISSING_COMPANY', 'organization', name, header, (ids) =>
        ids.map((candidate) => `ID ${candidate}`),
      ),
    );
    return undefined;
  }

  /**
   * The deal's contact person: among the people of the deal's organization first, then globally if unique.
   * The person's id; or, when no person or several have that name, the problem, which goes with the link to
   * the planner (it counts the link as failed, as for every source); undefined when the deal names nobody.
   */
  private contactPerson(
    entry: PipedriveFile,
    row: SourceRow,
    id: string,
    company: string | undefined,
  ): string | Issue | undefined {
    // Without the people export, its one file-level warning says that deals are imported without people.
    if (!this.present.has('person')) return undefined;
    const header = entry.index.find(COL.dealPerson, COL.personName);
    const name = cell(row.values, header);
    if (name === '') return undefined;
    const local = company ? this.peopleByCompany.get(company)?.resolve(name) : undefined;
    if (local?.kind === 'found') return local.id;
    const found: NameResolution = local?.kind === 'ambiguous' ? local : this.people.resolve(name);
    if (found.kind === 'found') return found.id;
    return this.unresolved(row, 'deal', id, found, 'MISSING_PERSON', 'person', name, header, (ids) =>
      ids.map((candidate) => this.personLabel.get(candidate) ?? candidate),
    );
  }

  private unresolved(
    row: SourceRow,
    object: ObjectType,
    id: string,
    found: NameResolution,
    missingCode: 'MISSING_COMPANY' | 'MISSING_PERSON',
    noun: string,
    name: string,
    header: string | undefined,
    describe: (ids: string[]) => string[],
  ): Issue {
    const owner = object === 'deal' ? 'deal' : 'person';
    if (found.kind === 'ambiguous') {
      return rowIssue(
        row,
        object,
        id,
        'AMBIGUOUS_LINK',
        'warning',
        `${found.candidates.length} ${noun === 'person' ? 'people' : 'organizations'} are named "${name}" (${describe(found.candidates).join('; ')}); the ${owner} is not linked to any of them — link it in Clarify by hand, or make the names unique in Pipedrive and export again.`,
        { column: header, value: name },
      );
    }
    const where = noun === 'person' ? 'people' : 'organizations';
    return rowIssue(
      row,
      object,
      id,
      missingCode,
      'warning',
      `No ${noun} named "${name}" is in the ${where} export; the ${owner} is imported without that link — add the ${where} export (with that ${noun}) to link it.`,
      { column: header, value: name },
    );
  }
}

function personName(fields: Record<string, string | string[]>): string {
  if (typeof fields.name === 'string') return fields.name;
  return [fields.first_name, fields.last_name]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
}
