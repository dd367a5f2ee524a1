import { baseName } from '../core/base-name.js';
import type { FileMapping } from '../core/mapping.js';
import type { ObjectType } from '../core/objects.js';
import type { WorkspaceSchema } from '../core/schema.js';
import type { ExportFile } from '../core/source-adapter.js';
import { closestAttribute } from './render.js';

/**
 * A first `files:` section for CSVs of a CRM without an adapter (`init-mapping --source generic`), drafted
 * from the file names and headers: what each file holds, its id column, the column naming its company, and
 * each column's closest attribute. A draft for a person to review — every guess lands in the commented file
 * where it can be corrected — so a column is only mapped when its name is close to an attribute's.
 */
export function draftGenericFiles(files: ExportFile[], schema: WorkspaceSchema): FileMapping[] {
  const drafts: FileMapping[] = [];
  for (const file of files) {
    const object = objectOf(file);
    if (object) drafts.push(draftFile(file, object, schema));
  }
  return drafts;
}

/** Words of a file name that say what it holds (`accounts.csv`, `Contacts export.csv`, `opportunities.csv`). */
const NAME_HINTS: [RegExp, ObjectType][] = [
  [/compan|account|organi[sz]ation|\borgs?\b/i, 'company'],
  [/deal|opportunit|pipeline/i, 'deal'],
  [/contact|people|person|lead|customer|user/i, 'person'],
];

/** The object of a file: by its name, else by telling headers (an e-mail column: people; a domain: companies). */
function objectOf(file: ExportFile): ObjectType | undefined {
  const name = baseName(file.path);
  for (const [hint, object] of NAME_HINTS) if (hint.test(name)) return object;
  const headers = file.headers.join('\n');
  if (/e-?mail/i.test(headers)) return 'person';
  if (/\b(amount|stage|close ?date)\b/i.test(headers)) return 'deal';
  if (/\b(domain|website|web site)\b/i.test(headers)) return 'company';
  return undefined;
}

const OWN_ID: Record<ObjectType, RegExp> = {
  company: /^(record |company |account |organi[sz]ation |org )?id$/i,
  person: /^(record |contact |person |lead |customer )?id$/i,
  deal: /^(record |deal |opportunity )?id$/i,
};
const COMPANY_ID = /^(company|account|organi[sz]ation|org)[ _-]?id$/i;
const COMPANY_NAME = /^(company|account|organi[sz]ation|org)([ _-]?name)?$/i;
const PERSON_EMAIL = /^(contact|person)[ _-]?e-?mail$/i;

/**
 * The record's own name: `Name`, or with the file's own object word (`Account Name` in accounts, `Opportunity
 * Name` in deals, `Full name` for people). A deals file's `Account Name` is its company's, not its own.
 */
const OWN_NAME: Record<ObjectType, RegExp> = {
  company: /^((company|account|organi[sz]ation|org)[ _-]?)?name$/i,
  person: /^((contact|person|lead|full)[ _-]?)?name$/i,
  deal: /^((deal|opportunity)[ _-]?)?name$/i,
};
/** A company's website, which the import reduces to its domain. */
const WEBSITE = /^(web[ _-]?site|url|homepage|web)$/i;

function draftFile(file: ExportFile, object: ObjectType, schema: WorkspaceSchema): FileMapping {
  const used = new Set<string>();
  const take = (header: string | undefined) => {
    if (header !== undefined) used.add(header);
    return header;
  };
  const id = take(file.headers.find((header) => OWN_ID[object].test(header.trim())));
  // A person's or deal's company: by the company's id when the export has one (exact), else by its name.
  let company: string | undefined;
  let companyBy: FileMapping['company_by'] = 'id';
  if (object !== 'company') {
    company = take(file.headers.find((header) => COMPANY_ID.test(header.trim())));
    if (!company) {
      company = take(file.headers.find((header) => COMPANY_NAME.test(header.trim())));
      if (company) companyBy = 'name';
    }
  }
  const person =
    object === 'deal' ? take(file.headers.find((header) => PERSON_EMAIL.test(header.trim()))) : undefined;
  const columns: FileMapping['columns'] = {};
  for (const header of file.headers) {
    if (used.has(header) || header.trim() === '') continue;
    // A person's full name goes to `name`, which the import splits into first and last name.
    const attribute = OWN_NAME[object].test(header.trim())
      ? 'name'
      : object === 'company' && WEBSITE.test(header.trim())
        ? 'domains'
        : closestAttribute(header, schema, object);
    if (!attribute) continue;
    const kind = schema[object]?.fields[attribute]?.kind;
    const current = columns[attribute];
    if (current === undefined) columns[attribute] = header;
    // Several columns may feed one collection (Work Email, Home Email); any other attribute takes the first.
    else if (kind === 'email_list' || kind === 'phone_list' || kind === 'domain_list') {
      columns[attribute] = [...(Array.isArray(current) ? current : [current]), header];
    }
  }
  // Keys in the order a person reads them; the schema's defaults fill in what is left out.
  return {
    match: baseName(file.path),
    object,
    ...(id ? { id } : {}),
    ...(company ? { company } : {}),
    company_by: companyBy,
    ...(person ? { person } : {}),
    person_by: person ? 'email' : 'id',
    deal_by: 'id',
    columns,
  };
}
