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
import { catchAllCompanyMessage, catchAllRuleOf } from '../shared/catch-all.js';
import { ColumnPlan, finishPersonName } from '../shared/columns.js';
import {
  fileIssue,
  LinkSet,
  recordEvent,
  rowIssue,
  skipEvent,
  syntheticId,
  unknownFileIssues,
} from '../shared/events.js';
import { baseName, cell, HeaderIndex, headerKey } from '../shared/headers.js';
import { looksExcelMangled } from '../shared/normalize.js';
import {
  BUILTIN,
  COMPANY_IDS,
  COMPANY_IDS_PRIMARY,
  CONTACT_IDS,
  classifyHubspotFile,
  DEAL_IDS,
  RECORD_ID,
  REGION_COLUMNS,
  STRUCTURAL,
} from './columns.js';

const OBJECT_ORDER: ObjectType[] = ['company', 'person', 'deal'];
const LABEL: Record<ObjectType, string> = { company: 'company', person: 'contact', deal: 'deal' };
const FILE_LABEL: Record<ObjectType, string> = { company: 'companies', person: 'contacts', deal: 'deals' };

interface HubspotFile {
  file: ExportFile;
  object: ObjectType;
  index: HeaderIndex;
  idHeader: string | undefined;
  /** The association columns, looked up once per file rather than once per row. */
  columns: Record<'companyPrimary' | 'companyAll' | 'dealIds' | 'contactIds', string | undefined>;
}

const keys = (list: string[]) => list.map(headerKey);

/** HubSpot CRM exports: one file per object, joined by numeric Record IDs and `Associated … IDs` columns. */
export function createHubspotAdapter(mapping: Mapping): SourceAdapter {
  const recognise = (files: ExportFile[]): HubspotFile[] => {
    const result: HubspotFile[] = [];
    for (const file of files) {
      const kind = classifyHubspotFile(file.headers);
      if (!kind) continue;
      const index = new HeaderIndex(file.headers);
      result.push({
        file,
        object: kind.object,
        index,
        idHeader: index.find(...keys(RECORD_ID)),
        columns: {
          companyPrimary: index.find(...keys(COMPANY_IDS_PRIMARY)),
          companyAll: index.find(...keys(COMPANY_IDS)),
          dealIds: index.find(...keys(DEAL_IDS)),
          contactIds: index.find(...keys(CONTACT_IDS)),
        },
      });
    }
    return result;
  };

  return {
    name: 'hubspot',
    score(files) {
      return files.reduce((sum, file) => sum + (classifyHubspotFile(file.headers)?.score ?? 0), 0);
    },
    roles(files): FileRole[] {
      return recognise(files).map(({ file, object }) => ({
        path: file.path,
        object,
        role: FILE_LABEL[object],
      }));
    },
    // The reading generator itself, not one that delegates to it: each layer of `yield*` costs every event a
    // promise and a turn of the microtask queue.
    read(files, readRows) {
      return readHubspot(files, recognise(files), readRows, mapping);
    },
  };
}

/** Decides a row's id, or why the row cannot be imported. Used identically by both passes. */
function rowId(entry: HubspotFile, row: SourceRow): { id: string; skip?: Issue } {
  const raw = cell(row.values, entry.idHeader);
  const id = raw || syntheticId(row);
  if (row.error)
    return { id, skip: { file: row.file, line: row.line, object: entry.object, sourceId: id, ...row.error } };
  if (raw && looksExcelMangled(raw)) {
    return {
      id,
      skip: rowIssue(
        row,
        entry.object,
        id,
        'EXCEL_MANGLED_ID',
        'error',
        `Record ID "${raw}" was turned into a number by Excel and no longer identifies the ${LABEL[entry.object]}; export the file from HubSpot again and import the original download, not a copy re-saved in Excel.`,
        { column: entry.idHeader, value: raw },
      ),
    };
  }
  return { id };
}

function splitIds(raw: string): string[] {
  return raw
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

async function* readHubspot(
  files: ExportFile[],
  recognised: HubspotFile[],
  readRows: RowReader,
  mapping: Mapping,
): AsyncGenerator<SourceEvent> {
  yield* unknownFileIssues(
    files,
    recognised,
    'warning',
    (name) =>
      `${name} is not a HubSpot companies, contacts or deals export (no Record ID column or known headers); it is not imported.`,
  );
  const present = new Set(recognised.map((entry) => entry.object));
  const catchAll = catchAllRuleOf(mapping.options);

  // Files are read once each, in object order. Associations go on as the export gives them: the planner, which
  // sees every row, says when a company, contact or deal they name is not in the export or not imported
  // (MISSING_COMPANY; MISSING_PERSON, MISSING_DEAL, LINK_FAILED for a link, counted as a failed link). Checking
  // here cost a lookup per association in registries of a million ids, and contacts' deal ids a first pass
  // over the deals files: on a million contacts, a second CSV parse of 200,000 deals while the planner waited.
  // Without the other export, its file-level warning (missingFileIssues) says once what is lost.
  const links = new LinkSet();
  for (const object of OBJECT_ORDER) {
    for (const entry of recognised.filter((candidate) => candidate.object === object)) {
      yield* missingFileIssues(entry, present);
      if (!entry.idHeader) {
        yield fileIssue(
          entry.file.path,
          'MISSING_ID',
          'warning',
          `${baseName(entry.file.path)} has no Record ID column: ids are made from the file name and line, so links to these ${FILE_LABEL[object]} cannot be resolved and a re-run matches them only while the file is unchanged. Export again with the Record ID column.`,
        );
      }
      const plan = new ColumnPlan(entry.file.path, object, entry.file.headers, {
        builtin: BUILTIN[object],
        structural: STRUCTURAL,
        overrides: mapping.columns[object],
        region: REGION_COLUMNS[object],
      });
      const unknown = plan.unknownColumnsIssue();
      if (unknown) yield { kind: 'issue', issue: unknown };
      // Which associations this file's rows pass on: only those into an export that was given.
      const passCompany = (object === 'person' || object === 'deal') && present.has('company');
      const passDeals = object === 'person' && present.has('deal');
      const passContacts = object === 'deal' && present.has('person');
      for await (const row of readRows(entry.file.path)) {
        const { id, skip } = rowId(entry, row);
        if (skip) {
          yield skipEvent(row, object, id, skip);
          continue;
        }
        const fields = plan.fields(row.values);
        if (object === 'company' && typeof fields.name === 'string' && catchAll?.isPlaceholder(fields.name)) {
          const message = catchAllCompanyMessage(fields.name);
          yield skipEvent(
            row,
            object,
            id,
            rowIssue(row, object, id, 'CATCH_ALL_ACCOUNT', 'warning', message, { value: fields.name }),
          );
          continue;
        }
        const issues: Issue[] = [];
        let companySourceId: string | undefined;
        if (object === 'person') finishPersonName(fields);
        if (passCompany) {
          companySourceId = chosenCompany(entry, row, id, issues);
        }
        if (passDeals) {
          for (const dealId of associatedIds(entry, row, id, entry.columns.dealIds, issues)) {
            links.add(dealId, id, row);
          }
        }
        if (passContacts) {
          for (const personId of associatedIds(entry, row, id, entry.columns.contactIds, issues)) {
            links.add(id, personId, row);
          }
        }
        yield recordEvent(row, object, id, fields, issues, companySourceId, plan.region(row.values));
        // Links go out as they are found: a million contacts' links are not held until the end.
        if (links.pending) yield* links.drain();
      }
    }
  }
  yield* links.drain();
}

/** The association columns that point into another export, and what is lost when that export is absent. */
const REFERENCES: {
  from: ObjectType;
  to: ObjectType;
  columns: string[];
  lost: (from: string) => string;
}[] = [
  {
    from: 'person',
    to: 'company',
    columns: [...COMPANY_IDS, ...COMPANY_IDS_PRIMARY],
    lost: (from) => `${from} are imported without a company link`,
  },
  {
    from: 'deal',
    to: 'company',
    columns: [...COMPANY_IDS, ...COMPANY_IDS_PRIMARY],
    lost: (from) => `${from} are imported without a company link`,
  },
  {
    from: 'person',
    to: 'deal',
    columns: DEAL_IDS,
    lost: (from) => `${from} are imported without their deals`,
  },
  {
    from: 'deal',
    to: 'person',
    columns: CONTACT_IDS,
    lost: (from) => `${from} are imported without their people`,
  },
];

/** Said once per file: its rows refer to an export that was not given. */
function* missingFileIssues(entry: HubspotFile, present: Set<ObjectType>): Iterable<SourceEvent> {
  const file = baseName(entry.file.path);
  for (const reference of REFERENCES) {
    if (reference.from !== entry.object || present.has(reference.to)) continue;
    if (!entry.index.has(...keys(reference.columns))) continue;
    const target = FILE_LABEL[reference.to];
    yield fileIssue(
      entry.file.path,
      'SOURCE_MISSING_FILE',
      'warning',
      `${file} refers to ${target} but no HubSpot ${target} export was given: ${reference.lost(FILE_LABEL[entry.object])}. Add the ${target} export to link them.`,
    );
  }
}

/**
 * The row's company: the primary association, else the first (with a warning when there were several). Whether
 * the export has that company, and whether it is imported, the planner says (MISSING_COMPANY), as it does for
 * every vendor.
 */
function chosenCompany(entry: HubspotFile, row: SourceRow, id: string, issues: Issue[]): string | undefined {
  const object = entry.object;
  const primaryHeader = entry.columns.companyPrimary;
  const allHeader = entry.columns.companyAll;
  const primary = usableIds(entry, row, id, primaryHeader, issues);
  const all = usableIds(entry, row, id, allHeader, issues);
  let chosen = primary[0];
  if (chosen === undefined && all.length > 0) {
    chosen = all[0]!;
    if (all.length > 1) {
      issues.push(
        rowIssue(
          row,
          object,
          id,
          'AMBIGUOUS_LINK',
          'warning',
          `The ${LABEL[object]} is associated with ${all.length} companies (${all.join(', ')}) and the export has no primary company column; it is linked to the first, ${chosen}. Export with "Associated Company IDs (Primary)" to choose.`,
          { column: allHeader, value: all.join(';') },
        ),
      );
    }
  }
  return chosen;
}

/** Ids of an association column; ids Excel turned into numbers are dropped with an issue. */
function usableIds(
  entry: HubspotFile,
  row: SourceRow,
  id: string,
  header: string | undefined,
  issues: Issue[],
): string[] {
  const ids = splitIds(cell(row.values, header));
  const mangled = ids.filter((value) => looksExcelMangled(value));
  if (mangled.length > 0) {
    issues.push(
      rowIssue(
        row,
        entry.object,
        id,
        'EXCEL_MANGLED_ID',
        'warning',
        `Associated id(s) ${mangled.join(', ')} in "${header}" were turned into numbers by Excel; those links are dropped. Import the original HubSpot download instead of a re-saved copy.`,
        { column: header, value: mangled.join(';') },
      ),
    );
  }
  return ids.filter((value) => !looksExcelMangled(value));
}

/** The distinct usable ids of an association column (none when the cell is empty). */
function associatedIds(
  entry: HubspotFile,
  row: SourceRow,
  id: string,
  header: string | undefined,
  issues: Issue[],
): string[] {
  if (cell(row.values, header) === '') return [];
  return [...new Set(usableIds(entry, row, id, header, issues))];
}
