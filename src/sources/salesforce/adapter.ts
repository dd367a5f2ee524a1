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
  SourceOptions,
} from '../../core/source-adapter.js';
import { CatchAllRule } from '../shared/catch-all.js';
import { type BuiltinColumns, ColumnPlan, finishPersonName } from '../shared/columns.js';
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
import { baseName, cell, HeaderIndex, headerKey } from '../shared/headers.js';
import { NameIndex } from '../shared/name-index.js';
import { looksExcelMangled, normalizeDomain, normalizeSalesforceId } from '../shared/normalize.js';
import {
  ACCOUNT_COLUMNS,
  COLUMN,
  CONTACT_COLUMNS,
  classifySalesforceFile,
  ID_COLUMNS,
  LEAD_COLUMNS,
  OPPORTUNITY_COLUMNS,
  REGION_COLUMNS,
  type SalesforceRole,
  STRUCTURAL,
} from './columns.js';

type RecordRole = 'Account' | 'Contact' | 'Lead' | 'Opportunity';

interface SalesforceFile {
  file: ExportFile;
  role: SalesforceRole;
  index: HeaderIndex;
}

const OBJECT_OF: Record<SalesforceRole, FileRole['object']> = {
  Account: 'company',
  Contact: 'person',
  Lead: 'person',
  Opportunity: 'deal',
  OpportunityContactRole: 'link',
  AccountContactRelation: 'ignored',
  AccountContactRole: 'ignored',
  Other: 'ignored',
};
const BUILTIN: Record<RecordRole, BuiltinColumns> = {
  Account: ACCOUNT_COLUMNS,
  Contact: CONTACT_COLUMNS,
  Lead: LEAD_COLUMNS,
  Opportunity: OPPORTUNITY_COLUMNS,
};
const NOUN: Record<RecordRole, string> = {
  Account: 'account',
  Contact: 'contact',
  Lead: 'lead',
  Opportunity: 'opportunity',
};

const TRUE = /^(1|true|yes|y)$/i;
const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/** Salesforce exports (Data Export Service, Data Loader and similar API tools, report exports). */
export function createSalesforceAdapter(mapping: Mapping): SourceAdapter {
  const recognise = (files: ExportFile[]): SalesforceFile[] => {
    const result: SalesforceFile[] = [];
    for (const file of files) {
      const kind = classifySalesforceFile(file.headers);
      if (kind) result.push({ file, role: kind.role, index: new HeaderIndex(file.headers) });
    }
    return result;
  };
  return {
    name: 'salesforce',
    score(files) {
      return files.reduce((sum, file) => sum + (classifySalesforceFile(file.headers)?.score ?? 0), 0);
    },
    roles(files) {
      return recognise(files).map(({ file, role }) => ({ path: file.path, object: OBJECT_OF[role], role }));
    },
    async *read(files, readRows, options) {
      const recognised = recognise(files);
      yield* unknownFileIssues(
        files,
        recognised,
        'warning',
        (name) =>
          `${name} is not a Salesforce Account, Contact, Lead, Opportunity or OpportunityContactRole export; it is not imported.`,
      );
      yield* new SalesforceRead(recognised, readRows, mapping, options).events();
    },
  };
}

interface Decision {
  id: string;
  skip?: Issue;
}

class SalesforceRead {
  /**
   * Accounts imported, and why others are not: a contact's or opportunity's AccountId is checked here, since
   * catch-all accounts are this adapter's own decision. Person–deal links are not checked here: they go to
   * the planner as the export gives them, which reports (and counts as failed) a link whose deal or person
   * is missing or not imported, as for every source.
   */
  private readonly accounts = new IdRegistry();
  /** People (contacts, and unconverted leads whose Company is an account id) per account, for the catch-all rule. */
  private readonly contactsPerAccount = new Map<string, number>();
  private totalContacts = 0;
  /** Catch-all accounts not imported: id → name, contacts, why. */
  private readonly catchAll = new Map<string, { name: string; contacts: number; why: string }>();
  private readonly accountNames = new NameIndex();
  private readonly accountDomains = new Map<string, Set<string>>();
  private readonly links = new LinkSet();
  private readonly rule: CatchAllRule;
  private readonly importCatchAll: boolean;

  constructor(
    private readonly files: SalesforceFile[],
    private readonly readRows: RowReader,
    private readonly mapping: Mapping,
    options: SourceOptions,
  ) {
    this.rule = new CatchAllRule([...mapping.options.catch_all_names, ...(options.catchAllNames ?? [])]);
    this.importCatchAll = options.importCatchAll ?? mapping.options.import_catch_all;
  }

  private of(...roles: SalesforceRole[]): SalesforceFile[] {
    return this.files.filter((entry) => roles.includes(entry.role));
  }

  async *events(): AsyncGenerator<SourceEvent> {
    // A warning, not an info note: a whole file the user passed is left out, and the console should say so
    // (info notes go only to the report).
    for (const entry of this.of('AccountContactRelation', 'AccountContactRole', 'Other')) {
      yield fileIssue(
        entry.file.path,
        'SOURCE_UNKNOWN_FILE',
        'warning',
        entry.role === 'Other'
          ? `${baseName(entry.file.path)} is a Salesforce object the import does not use; it is not imported.`
          : `${baseName(entry.file.path)} (${entry.role}: contacts related to further accounts) is not imported: a Clarify person has one company, taken from Contact.AccountId.`,
      );
    }
    await this.countContacts();
    await this.indexAccounts();
    yield* this.missingFileIssues();
    yield* this.emit('Account', (entry, row, decision) => this.account(entry, row, decision));
    yield* this.emit('Contact', (entry, row, decision) => this.contact(entry, row, decision));
    yield* this.emit('Lead', (entry, row, decision) => this.lead(entry, row, decision));
    yield* this.emit('Opportunity', (entry, row, decision) => this.opportunity(entry, row, decision));
    if (this.linksPossible) {
      for (const entry of this.of('OpportunityContactRole')) yield* this.contactRoles(entry);
    }
    yield* this.links.events();
  }

  /** The row's normalized id, or why it is not imported (same answer in every pass). */
  private decide(entry: SalesforceFile, role: RecordRole, row: SourceRow): Decision {
    const object = OBJECT_OF[role] as ObjectType;
    const raw = cell(row.values, entry.index.find(...ID_COLUMNS[role].map(headerKey)));
    const id = raw ? normalizeSalesforceId(raw) : syntheticId(row);
    if (row.error)
      return { id, skip: { file: row.file, line: row.line, object, sourceId: id, ...row.error } };
    if (raw && looksExcelMangled(raw)) {
      return {
        id,
        skip: rowIssue(
          row,
          object,
          id,
          'EXCEL_MANGLED_ID',
          'error',
          `Id "${raw}" was rewritten by Excel; export the ${NOUN[role]}s again and import the original file.`,
          { value: raw },
        ),
      };
    }
    if (TRUE.test(this.value(entry, row, COLUMN.isDeleted))) {
      return {
        id,
        skip: rowIssue(
          row,
          object,
          id,
          'DELETED_ROW',
          'info',
          `The ${NOUN[role]} is marked deleted in Salesforce (IsDeleted); it is not imported.`,
        ),
      };
    }
    if (role === 'Lead' && TRUE.test(this.value(entry, row, COLUMN.isConverted))) {
      const contact = cell(row.values, entry.index.find('convertedcontactid'));
      return {
        id,
        skip: rowIssue(
          row,
          object,
          id,
          'CONVERTED_LEAD',
          'info',
          `The lead was converted${contact ? ` into contact ${normalizeSalesforceId(contact)}` : ''}; the contact carries the person, so the lead is not imported.`,
        ),
      };
    }
    return { id };
  }

  private value(entry: SalesforceFile, row: SourceRow, columns: readonly string[]): string {
    return cell(row.values, entry.index.find(...columns.map(headerKey)));
  }

  private async countContacts(): Promise<void> {
    for (const entry of this.of('Contact')) {
      for await (const row of this.readRows(entry.file.path)) {
        const decision = this.decide(entry, 'Contact', row);
        if (decision.skip) continue;
        this.totalContacts++;
        const account = this.value(entry, row, COLUMN.accountId);
        if (account) this.countFor(normalizeSalesforceId(account));
      }
    }
    // Unconverted leads whose Company holds an account id are people parked on that account too.
    for (const entry of this.of('Lead')) {
      for await (const row of this.readRows(entry.file.path)) {
        if (this.decide(entry, 'Lead', row).skip) continue;
        this.totalContacts++;
        const company = this.value(entry, row, COLUMN.company);
        if (ACCOUNT_ID.test(company)) this.countFor(normalizeSalesforceId(company));
      }
    }
  }

  private countFor(accountId: string): void {
    this.contactsPerAccount.set(accountId, (this.contactsPerAccount.get(accountId) ?? 0) + 1);
  }

  private async indexAccounts(): Promise<void> {
    for (const entry of this.of('Account')) {
      for await (const row of this.readRows(entry.file.path)) {
        const decision = this.decide(entry, 'Account', row);
        if (decision.skip) {
          this.accounts.addSkipped(decision.id, decision.skip.message);
          continue;
        }
        const name = this.value(entry, row, ['Name', 'Account Name']);
        const website = this.value(entry, row, COLUMN.website);
        const contacts = this.contactsPerAccount.get(decision.id) ?? 0;
        const why = this.importCatchAll
          ? undefined
          : this.rule.reason(name, website, contacts, this.totalContacts);
        if (why) {
          this.catchAll.set(decision.id, { name, contacts, why });
          this.accounts.addSkipped(decision.id, `catch-all account "${name}"`);
          continue;
        }
        this.accounts.addRecord(decision.id);
        this.accountNames.add(name, decision.id);
        const domain = website ? normalizeDomain(website) : undefined;
        if (domain?.ok) {
          const ids = this.accountDomains.get(domain.value) ?? new Set<string>();
          ids.add(decision.id);
          this.accountDomains.set(domain.value, ids);
        }
      }
    }
  }

  /**
   * Person–deal links need both the people (Contact, Lead) and the Opportunity exports. Without one of them, every
   * link would fail for the same reason: one warning per file says so instead, and no link is planned.
   */
  private get linksPossible(): boolean {
    return this.of('Contact', 'Lead').length > 0 && this.of('Opportunity').length > 0;
  }

  private *missingFileIssues(): Iterable<SourceEvent> {
    if (!this.linksPossible) {
      const lacking = this.of('Opportunity').length > 0 ? 'Contact' : 'Opportunity';
      for (const entry of this.of('Opportunity', 'OpportunityContactRole')) {
        if (entry.role === 'Opportunity' && !entry.index.has(...COLUMN.contactId.map(headerKey))) continue;
        yield fileIssue(
          entry.file.path,
          'SOURCE_MISSING_FILE',
          'warning',
          `${baseName(entry.file.path)} links opportunities to contacts but no ${lacking} export was given: no person–deal link is made. Add ${lacking}.csv to link them.`,
        );
      }
    }
    if (this.of('Account').length > 0) return;
    for (const entry of this.of('Contact', 'Opportunity')) {
      if (!entry.index.has(...[...COLUMN.accountId, ...COLUMN.accountName].map(headerKey))) continue;
      yield fileIssue(
        entry.file.path,
        'SOURCE_MISSING_FILE',
        'warning',
        `${baseName(entry.file.path)} refers to accounts but no Account export was given: ${entry.role === 'Contact' ? 'contacts' : 'opportunities'} are imported without a company link. Add Account.csv to link them.`,
      );
    }
  }

  private async *emit(
    role: RecordRole,
    build: (entry: SalesforceFile, row: SourceRow, decision: Decision) => SourceEvent,
  ): AsyncGenerator<SourceEvent> {
    const object = OBJECT_OF[role] as ObjectType;
    for (const entry of this.of(role)) {
      const plan = this.plan(entry, role);
      const unknown = plan.unknownColumnsIssue();
      if (unknown) yield { kind: 'issue', issue: unknown };
      for await (const row of this.readRows(entry.file.path)) {
        const decision = this.decide(entry, role, row);
        if (decision.skip) {
          if (object === 'company') this.accounts.addSkipped(decision.id, decision.skip.message);
          yield skipEvent(row, object, decision.id, decision.skip);
          continue;
        }
        yield build(entry, row, decision);
      }
    }
  }

  private readonly plans = new Map<string, ColumnPlan>();
  private plan(entry: SalesforceFile, role: RecordRole): ColumnPlan {
    let plan = this.plans.get(entry.file.path);
    if (!plan) {
      const object = OBJECT_OF[role] as ObjectType;
      plan = new ColumnPlan(entry.file.path, object, entry.file.headers, {
        builtin: BUILTIN[role],
        structural: STRUCTURAL,
        overrides: this.mapping.columns[object],
        region: REGION_COLUMNS[role],
      });
      this.plans.set(entry.file.path, plan);
    }
    return plan;
  }

  private account(entry: SalesforceFile, row: SourceRow, { id }: Decision): SourceEvent {
    const catchAll = this.catchAll.get(id);
    if (catchAll) {
      return skipEvent(
        row,
        'company',
        id,
        rowIssue(
          row,
          'company',
          id,
          'CATCH_ALL_ACCOUNT',
          'warning',
          `"${catchAll.name}" looks like a catch-all account (${catchAll.why}) holding ${catchAll.contacts} contact(s); it is not created and its contacts are imported without a company. Set options.import_catch_all: true in --mapping to import it anyway.`,
          { value: catchAll.name },
        ),
      );
    }
    const plan = this.plan(entry, 'Account');
    return recordEvent(row, 'company', id, plan.fields(row.values), [], undefined, plan.region(row.values));
  }

  /** The account a contact or opportunity points to (by id, or by name in report exports). */
  private accountOf(
    entry: SalesforceFile,
    row: SourceRow,
    object: ObjectType,
    id: string,
    issues: Issue[],
  ): string | undefined {
    const noun = object === 'person' ? 'person' : 'deal';
    const raw = this.value(entry, row, COLUMN.accountId);
    let accountId: string | undefined;
    if (raw) accountId = normalizeSalesforceId(raw);
    else {
      const name = this.value(entry, row, COLUMN.accountName);
      if (!name) return undefined;
      const found = this.accountNames.resolve(name);
      if (found.kind === 'found') return found.id;
      if (found.kind === 'ambiguous') {
        issues.push(
          rowIssue(
            row,
            object,
            id,
            'AMBIGUOUS_LINK',
            'warning',
            `Several accounts are named "${name}" (${found.candidates.join(', ')}); the ${noun} is imported without a company link. Add the Account ID column to the export to link it.`,
            { value: name },
          ),
        );
        return undefined;
      }
      const catchAll = [...this.catchAll.values()].find((entry) => entry.name.trim() === name);
      if (catchAll) {
        issues.push(this.catchAllIssue(row, object, id, catchAll.name));
        return undefined;
      }
      issues.push(
        rowIssue(
          row,
          object,
          id,
          'MISSING_COMPANY',
          'warning',
          `No account named "${name}" is in the Account export; the ${noun} is imported without a company link — add the Account file to link it.`,
          { value: name },
        ),
      );
      return undefined;
    }
    if (this.accounts.has(accountId)) return accountId;
    const catchAll = this.catchAll.get(accountId);
    if (catchAll) {
      issues.push(this.catchAllIssue(row, object, id, catchAll.name));
      return undefined;
    }
    const why = this.accounts.whyMissing(accountId);
    issues.push(
      rowIssue(
        row,
        object,
        id,
        'MISSING_COMPANY',
        'warning',
        why
          ? `Account ${accountId} is not imported (${why}); the ${noun} is imported without a company link.`
          : `Account ${accountId} is not in the Account export; the ${noun} is imported without a company link — add the Account file to link it.`,
        { value: accountId },
      ),
    );
    return undefined;
  }

  private catchAllIssue(row: SourceRow, object: ObjectType, id: string, name: string): Issue {
    const noun = object === 'person' ? 'person' : 'deal';
    return rowIssue(
      row,
      object,
      id,
      object === 'person' ? 'CATCH_ALL_CONTACT' : 'CATCH_ALL_ACCOUNT',
      'info',
      `The ${noun} belongs to the catch-all account "${name}", which is not imported; the ${noun} is imported without a company link.`,
      { value: name },
    );
  }

  private contact(entry: SalesforceFile, row: SourceRow, { id }: Decision): SourceEvent {
    const plan = this.plan(entry, 'Contact');
    const fields = plan.fields(row.values);
    finishPersonName(fields);
    const issues: Issue[] = [];
    const company = this.accountOf(entry, row, 'person', id, issues);
    return recordEvent(row, 'person', id, fields, issues, company, plan.region(row.values));
  }

  /** An unconverted lead is a person; its `Company` text links it only to an account already in the export. */
  private lead(entry: SalesforceFile, row: SourceRow, { id }: Decision): SourceEvent {
    const plan = this.plan(entry, 'Lead');
    const fields = plan.fields(row.values);
    const region = plan.region(row.values);
    finishPersonName(fields);
    const issues: Issue[] = [];
    const company = this.value(entry, row, COLUMN.company);
    const website = this.value(entry, row, COLUMN.website);
    let companySourceId: string | undefined;
    if (company && ACCOUNT_ID.test(company)) {
      const accountId = normalizeSalesforceId(company);
      const catchAll = this.catchAll.get(accountId);
      if (catchAll) {
        issues.push(this.catchAllIssue(row, 'person', id, catchAll.name));
        return recordEvent(row, 'person', id, fields, issues, undefined, region);
      }
      if (this.accounts.has(accountId)) companySourceId = accountId;
    }
    if (!companySourceId && company) {
      const found = this.accountNames.resolve(company);
      if (found.kind === 'found') companySourceId = found.id;
      else if (found.kind === 'ambiguous') {
        issues.push(
          rowIssue(
            row,
            'person',
            id,
            'AMBIGUOUS_LINK',
            'warning',
            `Several accounts are named "${company}" (${found.candidates.join(', ')}); the lead is imported without a company link.`,
            { value: company, column: 'Company' },
          ),
        );
        return recordEvent(row, 'person', id, fields, issues, undefined, region);
      }
    }
    if (!companySourceId && website) {
      const domain = normalizeDomain(website);
      const ids = domain.ok ? this.accountDomains.get(domain.value) : undefined;
      if (ids?.size === 1) companySourceId = [...ids][0];
    }
    if (!companySourceId && company) {
      issues.push(
        rowIssue(
          row,
          'person',
          id,
          'MISSING_COMPANY',
          'info',
          `The lead's company "${company}" matches no account in the export (by id, name or website); the person is imported without a company link — companies are not created from lead company names.`,
          { value: company, column: 'Company' },
        ),
      );
    }
    return recordEvent(row, 'person', id, fields, issues, companySourceId, region);
  }

  private opportunity(entry: SalesforceFile, row: SourceRow, { id }: Decision): SourceEvent {
    const fields = this.plan(entry, 'Opportunity').fields(row.values);
    const issues: Issue[] = [];
    const company = this.accountOf(entry, row, 'deal', id, issues);
    const contact = this.value(entry, row, COLUMN.contactId);
    if (contact && this.linksPossible) this.links.add(id, normalizeSalesforceId(contact), row);
    return recordEvent(row, 'deal', id, fields, issues, company);
  }

  /** OpportunityContactRole rows become person–deal links (IsPrimary is optional and Role may be empty). */
  private async *contactRoles(entry: SalesforceFile): AsyncGenerator<SourceEvent> {
    for await (const row of this.readRows(entry.file.path)) {
      const rawId = cell(row.values, entry.index.find('id'));
      const id = rawId ? normalizeSalesforceId(rawId) : syntheticId(row);
      if (row.error) {
        yield { kind: 'issue', issue: { file: row.file, line: row.line, sourceId: id, ...row.error } };
        continue;
      }
      if (TRUE.test(this.value(entry, row, COLUMN.isDeleted))) continue;
      const deal = normalizeSalesforceId(this.value(entry, row, COLUMN.opportunityId));
      const person = normalizeSalesforceId(this.value(entry, row, COLUMN.contactId));
      if (deal && person) this.links.add(deal, person, row);
    }
  }
}
