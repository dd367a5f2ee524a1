import type { Mapping } from '../core/mapping.js';
import type { ObjectType } from '../core/objects.js';
import type { ExportFile, FileRole, SourceName } from '../core/source-adapter.js';
import { globToRegExp } from './generic/glob.js';
import {
  classifyHubspotFile,
  BUILTIN as HUBSPOT_BUILTIN,
  STRUCTURAL as HUBSPOT_STRUCTURAL,
} from './hubspot/columns.js';
import {
  classifyPipedriveFile,
  BUILTIN as PIPEDRIVE_BUILTIN,
  canon as pipedriveCanon,
  structural as pipedriveStructural,
} from './pipedrive/columns.js';
import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  classifySalesforceFile,
  LEAD_COLUMNS,
  OPPORTUNITY_COLUMNS,
  STRUCTURAL as SALESFORCE_STRUCTURAL,
  type SalesforceRole,
} from './salesforce/columns.js';
import { type BuiltinColumns, ColumnPlan } from './shared/columns.js';
import { baseName, headerKey } from './shared/headers.js';

/** One column that becomes an attribute. `builtin` is false when the user's mapping decided it. */
export interface MappedColumn {
  header: string;
  attr: string;
  /** The built-in mapping splits the cell into several values (lost if the column is overridden). */
  split: boolean;
  /** The built-in mapping uses the column only when no other column gave a value (lost if overridden). */
  fallback: boolean;
}

/** What an adapter does with each column of one file (the same ColumnPlan `read` builds). */
export interface FileColumns {
  path: string;
  object: FileRole['object'];
  role: string;
  headers: string[];
  mapped: MappedColumn[];
  /** Columns the adapter reads itself: ids, associations, company/person references. */
  structural: string[];
  /** Columns not imported (the UNKNOWN_COLUMN report). */
  notImported: string[];
}

const SALESFORCE_BUILTIN: Partial<Record<SalesforceRole, BuiltinColumns>> = {
  Account: ACCOUNT_COLUMNS,
  Contact: CONTACT_COLUMNS,
  Lead: LEAD_COLUMNS,
  Opportunity: OPPORTUNITY_COLUMNS,
};
const SALESFORCE_OBJECT: Partial<Record<SalesforceRole, ObjectType>> = {
  Account: 'company',
  Contact: 'person',
  Lead: 'person',
  Opportunity: 'deal',
};

function fromPlan(file: ExportFile, object: ObjectType, role: string, plan: ColumnPlan): FileColumns {
  const mapped = plan.columns.map(({ header, target }) => ({
    header,
    attr: target.attr,
    split: target.split !== undefined,
    fallback: target.fallback === true,
  }));
  const used = new Set([...mapped.map((column) => column.header), ...plan.notImported]);
  const structural = file.headers.filter((header) => !used.has(header) && header.trim() !== '');
  return {
    path: file.path,
    object,
    role,
    headers: file.headers,
    mapped,
    structural,
    notImported: plan.notImported,
  };
}

function unmapped(file: ExportFile, object: FileRole['object'], role: string): FileColumns {
  return {
    path: file.path,
    object,
    role,
    headers: file.headers,
    mapped: [],
    structural: [],
    notImported: [],
  };
}

/**
 * Per recognised file of `source`: which columns map to which attribute (built-in map refined by the
 * mapping's `columns`), which the adapter reads itself and which are not imported. Files the source
 * does not recognise are left out. Pure: reads headers only.
 */
export function describeColumns(source: SourceName, files: ExportFile[], mapping: Mapping): FileColumns[] {
  const result: FileColumns[] = [];
  for (const file of files) {
    const described = describeFile(source, file, mapping);
    if (described) result.push(described);
  }
  return result;
}

function describeFile(source: SourceName, file: ExportFile, mapping: Mapping): FileColumns | undefined {
  switch (source) {
    case 'hubspot': {
      const kind = classifyHubspotFile(file.headers);
      if (!kind) return undefined;
      const plan = new ColumnPlan(file.path, kind.object, file.headers, {
        builtin: HUBSPOT_BUILTIN[kind.object],
        structural: HUBSPOT_STRUCTURAL,
        overrides: mapping.columns[kind.object],
      });
      return fromPlan(file, kind.object, kind.object, plan);
    }
    case 'pipedrive': {
      const kind = classifyPipedriveFile(file.headers);
      if (!kind) return undefined;
      const plan = new ColumnPlan(file.path, kind.object, file.headers, {
        builtin: PIPEDRIVE_BUILTIN[kind.object],
        structural: pipedriveStructural(kind.object),
        overrides: mapping.columns[kind.object],
        canon: pipedriveCanon,
      });
      return fromPlan(file, kind.object, kind.object, plan);
    }
    case 'salesforce': {
      const kind = classifySalesforceFile(file.headers);
      if (!kind) return undefined;
      const builtin = SALESFORCE_BUILTIN[kind.role];
      const object = SALESFORCE_OBJECT[kind.role];
      if (!builtin || !object) {
        return unmapped(file, kind.role === 'OpportunityContactRole' ? 'link' : 'ignored', kind.role);
      }
      const plan = new ColumnPlan(file.path, object, file.headers, {
        builtin,
        structural: SALESFORCE_STRUCTURAL,
        overrides: mapping.columns[object],
      });
      return fromPlan(file, object, kind.role, plan);
    }
    case 'generic':
      return describeGeneric(file, mapping);
  }
}

function describeGeneric(file: ExportFile, mapping: Mapping): FileColumns | undefined {
  const name = baseName(file.path);
  const entry = mapping.files.find((candidate) => globToRegExp(candidate.match).test(name));
  if (!entry) return undefined;
  const find = (column: string) =>
    file.headers.includes(column)
      ? column
      : file.headers.find((header) => headerKey(header) === headerKey(column));
  const mapped: MappedColumn[] = [];
  if (entry.object !== 'link') {
    for (const [attr, columns] of Object.entries(entry.columns)) {
      for (const column of Array.isArray(columns) ? columns : [columns]) {
        const header = find(column);
        if (header !== undefined) mapped.push({ header, attr, split: false, fallback: false });
      }
    }
  }
  const structural = [entry.id, entry.company, entry.deal, entry.person]
    .filter((column): column is string => column !== undefined)
    .map(find)
    .filter((header): header is string => header !== undefined);
  const used = new Set([...mapped.map((column) => column.header), ...structural]);
  const notImported = file.headers.filter((header) => !used.has(header) && header.trim() !== '');
  return {
    path: file.path,
    object: entry.object,
    role: entry.match,
    headers: file.headers,
    mapped,
    structural,
    notImported,
  };
}
