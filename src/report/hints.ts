import type { IssueCode } from '../core/issues.js';

/**
 * What a person should do about a group of rows with this issue code. The issue messages say what is
 * wrong with each row; these say how to fix the whole group, then re-run the same command (it resumes and
 * only touches the rows that still need it).
 */
const HINTS: Partial<Record<IssueCode, string>> = {
  FILE_EMPTY: 'Export the file again; it has no data rows.',
  FILE_NOT_CSV: 'Export the data as CSV (comma or semicolon separated) and pass that file.',
  FILE_IS_EXCEL: 'Save the sheet as CSV UTF-8 from Excel, or export CSV from the CRM directly.',
  FILE_UNREADABLE: 'Check that the file exists and is readable by the user running the import.',
  CSV_UNTERMINATED_QUOTE: 'A quoted cell never closes: fix the quote on the reported line or export again.',
  CSV_RAGGED_ROW: 'The row has more or fewer cells than the header: fix it in the file or export again.',
  CSV_DUPLICATE_HEADER: 'Rename one of the duplicate columns, or map the one you want with --mapping.',
  CSV_EMPTY_HEADER: 'Give the column a header name, or delete it if it is empty.',
  CSV_NUL_BYTES: 'The file contains NUL bytes; export it again as plain CSV.',
  CSV_PARSE_ERROR: 'Open the file near the reported line, fix the CSV syntax, and run again.',
  CSV_INVALID_UTF8:
    'Some bytes were not valid UTF-8 and were read as \uFFFD: fix those values, or export the file again as UTF-8.',
  CSV_CELL_SPANS_ROWS:
    'A quoted cell swallowed lines that look like rows: remove the stray quotes on the reported lines and run again.',
  EXCEL_MANGLED_ID: 'Excel rounded the ids: export again from the CRM without opening the file in Excel.',
  SOURCE_UNKNOWN_FILE:
    'Leave the file out; or, if its rows belong in Clarify, import it on its own with --source generic and a --mapping that describes it (files: match/object).',
  SOURCE_MISSING_FILE: 'Add the missing export to the paths you pass.',
  UNKNOWN_COLUMN: 'Map the column to a workspace attribute in --mapping, or ignore it with null.',
  MISSING_ID: 'Include the record id column in the export so rows can be matched on later runs.',
  DELETED_ROW: 'Nothing to do: deleted records are not imported.',
  CONVERTED_LEAD: 'Nothing to do: the lead was converted and is imported as its contact.',
  CATCH_ALL_ACCOUNT: 'Nothing to do, or set options.import_catch_all: true in --mapping to import it.',
  CATCH_ALL_CONTACT: 'Nothing to do, or set options.import_catch_all: true in --mapping to import them.',
  MISSING_COMPANY: 'Add the company to the companies export, or fix the company reference in the row.',
  MISSING_PERSON: 'Add the person to the contacts export, or fix the reference in the row.',
  MISSING_DEAL: 'Add the deal to the deals export, or fix the reference in the row.',
  AMBIGUOUS_LINK: 'Several records match the reference: refer to the record by its id instead of its name.',
  INVALID_EMAIL: 'Correct the email address in the CRM or the export, then run again.',
  DROPPED_EMAIL: 'Check the extra addresses; only valid ones are kept.',
  INVALID_DOMAIN: 'Correct the website/domain so it is a real domain such as example.com.',
  FREEMAIL_DOMAIN: 'Nothing to do: free-mail domains (gmail.com...) do not identify a company.',
  INVALID_PHONE: 'Write the number with its +country code, or set options.default_country in --mapping.',
  UNKNOWN_COUNTRY:
    'Write the country as a name or ISO code (United States, US, Deutschland, DE), or set options.default_country in --mapping.',
  INVALID_NUMBER: 'Fix the number, or set options.decimal: "," in --mapping if the export uses 1.200,50.',
  AMBIGUOUS_NUMBER:
    'Check the amounts as read: if they are off by a thousand, set options.decimal (",": 1.200,50; ".": 1,200.50) in --mapping.',
  INVALID_DATE:
    'Write the date as YYYY-MM-DD, or set options.date_order in --mapping (dmy: 31/12/2024, mdy: 12/31/2024).',
  UNMAPPED_SELECT: 'Add the value to the workspace field options, or map it under values: in --mapping.',
  FORMULA_VALUE: 'The cell holds a spreadsheet formula; replace it with its value in the export.',
  VALUE_TOO_LONG: 'Shorten the value in the export; Clarify rejects it as it is.',
  MISSING_UNIQUE_KEY:
    'Add an email (people), a domain (companies) or a name (deals) to the row: Clarify needs it to match records.',
  DUPLICATE_IN_EXPORT:
    'Merge or delete the duplicate rows in the CRM, or keep the one you want in the export.',
  AMBIGUOUS_MATCH:
    'The row matches two records already in Clarify: merge them in Clarify (or correct the emails or domains in the CRM), then run again.',
  DEAL_RENAMED: 'Nothing to do; rename the deal in Clarify if the new name does not suit you.',
  MATCHED_OTHER_EMAIL:
    "Nothing to do: the person already in Clarify, found by another of the row's e-mails, is updated instead of created again.",
  MERGED_DUPLICATE: 'Nothing to do: the duplicate rows were merged into one record.',
  API_REJECTED:
    'Fix the value the API rejected (see the reason), then run again: only these rows are retried.',
  API_UNREACHABLE: 'Check the network and API URL, then run again: the import resumes where it stopped.',
  DEPENDENCY_FAILED: 'Fix the company or record this row depends on (see its own failure), then run again.',
  LINK_FAILED: 'Fix the person or deal that failed, then run again to link them.',
  NOT_SENT:
    'Nothing is wrong with these rows yet: the run stopped before sending them. Run the same command with the same --state to resume.',
};

export function hintFor(code: string): string {
  return (
    HINTS[code as IssueCode] ?? 'Read the reason on each row, fix the export or --mapping, and run again.'
  );
}
