import { stringify } from 'yaml';
import type { Mapping } from '../core/mapping.js';
import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { FieldKind, WorkspaceSchema } from '../core/schema.js';
import type { SourceName } from '../core/source-adapter.js';
import { mappableAttributes } from '../run/check-mapping.js';
import type { FileColumns } from '../sources/index.js';
import type { SelectField } from './select-values.js';
import { mostSimilar, type NamedCandidate } from './similarity.js';

export interface RenderInput {
  source: SourceName;
  /** Where the schema came from (workspace URL or schema file), for the header comment. */
  schemaFrom: string;
  described: FileColumns[];
  schema: WorkspaceSchema;
  selects: SelectField[];
  /** The mapping the user started from (`--mapping`), or the defaults. */
  base: Mapping;
}

/** YAML scalars: JSON strings are valid double-quoted YAML. */
const q = (value: string) => JSON.stringify(value);
const ATTR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const plain = (value: string) => (ATTR.test(value) ? value : q(value));
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const headerKey = (header: string) => header.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Words that point to an attribute of a kind whatever its name (`Mobile` → the phone list). */
const KIND_KEYWORDS: Partial<Record<FieldKind, string[]>> = {
  email_list: ['email', 'e-mail'],
  phone_list: ['phone', 'mobile', 'telephone'],
  domain_list: ['domain', 'website'],
};

function candidates(schema: WorkspaceSchema, object: ObjectType): NamedCandidate[] {
  return mappableAttributes(schema, object).map((name) => {
    const field = schema[object]?.fields[name];
    return {
      name,
      aliases: [name.replace(/_/g, ' '), field?.title ?? ''].filter(Boolean),
      keywords: field ? (KIND_KEYWORDS[field.kind] ?? []) : [],
    };
  });
}

/** The closest attribute to a column name, vendor prefixes (`Person - `) aside. */
export function closestAttribute(
  header: string,
  schema: WorkspaceSchema,
  object: ObjectType,
): string | undefined {
  const bare = header.replace(/^(organization|person|deal|account|contact|lead|opportunity)\s+-\s+/i, '');
  return mostSimilar(bare, candidates(schema, object))?.name;
}

function listOptions(options: string[]): string {
  if (options.length === 0) return 'the field has no options';
  const shown = options.slice(0, 20).map(q).join(', ');
  return `allowed: ${shown}${options.length > 20 ? `, … (${options.length} in all)` : ''}`;
}

/** `columns:` for vendor sources: every column of every file, active where writing it changes nothing. */
function renderColumns(input: RenderInput): string[] {
  const lines = [
    '# columns: what each export column becomes, per object. "Column": attribute, or null to ignore it.',
    '# Active lines repeat the built-in mapping (edit them to change it); commented lines are columns',
    '# the importer reads itself or does not import: uncomment and set an attribute to import one.',
  ];
  if (input.source === 'generic')
    return [...lines, '# (generic source: columns are set per file under files:)', 'columns: {}'];
  lines.push('columns:');
  let objects = 0;
  for (const object of OBJECT_TYPES) {
    const files = input.described.filter((file) => file.object === object);
    if (files.length === 0) continue;
    objects++;
    const allowed = mappableAttributes(input.schema, object);
    const userColumns = input.base.columns[object] ?? {};
    const userNull = new Set(
      Object.entries(userColumns)
        .filter(([, attr]) => attr === null)
        .map(([column]) => headerKey(column)),
    );
    const active: string[] = [];
    const comments: string[] = [];
    const done = new Set<string>();
    for (const file of files) {
      const from = `${baseName(file.path)}`;
      for (const column of file.mapped) {
        const key = headerKey(column.header);
        if (done.has(key)) continue;
        done.add(key);
        if (!allowed.includes(column.attr)) {
          const near = closestAttribute(column.header, input.schema, object);
          comments.push(
            `    # ${q(column.header)}: ${plain(column.attr)}   # built-in, but ${column.attr} is not an attribute of ${object} in this workspace${near ? `; closest: ${near}` : ''}`,
          );
        } else if (column.split || column.fallback) {
          const why = column.split
            ? 'split into several values'
            : 'used only when no other column gives a value';
          comments.push(
            `    # ${q(column.header)}: ${plain(column.attr)}   # built-in (${why}); uncommenting it drops that behaviour`,
          );
        } else active.push(`    ${q(column.header)}: ${plain(column.attr)}   # ${from}`);
      }
      for (const header of file.structural) {
        const key = headerKey(header);
        if (done.has(key)) continue;
        done.add(key);
        if (userNull.has(key)) active.push(`    ${q(header)}: null   # ignored (${from})`);
        else comments.push(`    # ${q(header)}: read by the importer itself (ids, links) — ${from}`);
      }
      for (const header of file.notImported) {
        const key = headerKey(header);
        if (done.has(key)) continue;
        done.add(key);
        const near = closestAttribute(header, input.schema, object);
        comments.push(
          `    # ${q(header)}: null   # no attribute${near ? `; closest: ${near}` : ''} — ${from}`,
        );
      }
    }
    lines.push(active.length > 0 ? `  ${object}:` : `  ${object}: {}`, ...active, ...comments);
  }
  if (objects === 0) lines[lines.length - 1] = 'columns: {}';
  return lines;
}

/** `values:` select-value maps: every distinct source value with its proposed option. */
function renderValues(input: RenderInput): string[] {
  const lines = [
    '# values: select-value maps, "<object>.<attribute>": { source value (any case): workspace option }.',
    "# Proposed from the exports' distinct values, the built-in maps and the workspace options.",
    '# An empty value ("") means nothing matched: the value is left out; write an option to keep it.',
  ];
  const keys = new Set([...input.selects.map((field) => field.key), ...Object.keys(input.base.values)]);
  if (keys.size === 0) return [...lines, 'values: {}'];
  lines.push('values:');
  for (const key of keys) {
    const field = input.selects.find((candidate) => candidate.key === key);
    const entries: string[] = [];
    const written = new Set<string>();
    for (const proposal of field?.proposals ?? []) {
      written.add(proposal.value.toLowerCase());
      if (proposal.option !== undefined) entries.push(`    ${q(proposal.value)}: ${q(proposal.option)}`);
      else
        entries.push(
          `    ${q(proposal.value)}: ""   # no option matches; ${listOptions(field?.options ?? [])}`,
        );
    }
    for (const [value, option] of Object.entries(input.base.values[key] ?? {})) {
      if (written.has(value.toLowerCase())) continue;
      entries.push(`    ${q(value)}: ${q(option)}   # from your mapping`);
    }
    if (field?.truncated)
      entries.push(
        `    # … more distinct values than listed: only the first ${field.proposals.length} are shown`,
      );
    const hasEntry = entries.some((line) => !line.trimStart().startsWith('#'));
    lines.push(hasEntry ? `  ${q(key)}:` : `  ${q(key)}: {}`, ...entries);
  }
  return lines;
}

function renderOptions(base: Mapping): string[] {
  const o = base.options;
  return [
    'options:',
    '  # Order of day and month in ambiguous dates such as 03/04/2024: mdy (US) or dmy.',
    `  date_order: ${o.date_order}`,
    '  # Decimal separator of amounts: "." for 1,200.50 or "," for 1.200,50.',
    `  decimal: ${q(o.decimal)}`,
    '  # ISO country of phone numbers written without +country code, so they become E.164 (e.g. US, GB, DE).',
    o.default_country ? `  default_country: ${o.default_country}` : '  # default_country: US',
    '  # Account names that are buckets, not companies ("Misc Leads"); their people are imported without a company.',
    `  catch_all_names: [${o.catch_all_names.map(q).join(', ')}]`,
    '  # Import those catch-all accounts as companies anyway.',
    `  import_catch_all: ${o.import_catch_all}`,
    '  # How a deal whose name is already taken is renamed: {name}, {company}, {id}, {n} placeholders.',
    `  deal_rename: ${q(o.deal_rename)}`,
  ];
}

function renderFiles(input: RenderInput): string[] {
  if (input.base.files.length === 0) return [];
  const lines = ['# files: what each CSV of a generic export holds (first matching entry wins).'];
  lines.push(...stringify({ files: input.base.files }).trimEnd().split('\n'));
  for (const file of input.described) {
    if (file.notImported.length === 0 || file.object === 'link' || file.object === 'ignored') continue;
    lines.push(
      `# ${baseName(file.path)} (match ${q(file.role)}): columns not imported — add "attribute: Column" under its columns:`,
    );
    for (const header of file.notImported) {
      const near = closestAttribute(header, input.schema, file.object);
      lines.push(`#   ${q(header)}: no attribute${near ? `; closest: ${near}` : ''}`);
    }
  }
  return lines;
}

/** The commented mapping file `init-mapping` writes; it loads with `--mapping` and changes nothing by itself. */
export function renderMapping(input: RenderInput): string {
  const files = input.described.map((file) => `#   ${baseName(file.path)}: ${file.object} (${file.role})`);
  return [
    '# clarify-import mapping, written by `clarify-import init-mapping`.',
    `# Schema: ${input.schemaFrom}`,
    '# Files:',
    ...files,
    '# Use it with: clarify-import plan <exports> --mapping <this file>',
    'version: 1',
    `source: ${input.source}`,
    '',
    ...renderColumns(input),
    '',
    ...renderValues(input),
    '',
    ...renderOptions(input.base),
    '',
    ...renderFiles(input),
    '',
  ].join('\n');
}
