import type { ObjectType } from './objects.js';

/**
 * Stable issue codes. Reports, tests and users depend on them; add new ones, never rename.
 * An issue is a value attached to a file, a row or a record; it is never thrown.
 */
export const ISSUE_CODES = [
  // reading files
  'FILE_EMPTY',
  'FILE_NOT_CSV',
  'FILE_IS_EXCEL',
  'FILE_UNREADABLE',
  'CSV_UNTERMINATED_QUOTE',
  'CSV_RAGGED_ROW',
  'CSV_DUPLICATE_HEADER',
  'CSV_EMPTY_HEADER',
  'CSV_NUL_BYTES',
  'CSV_REPORT_FOOTER',
  'CSV_PARSE_ERROR',
  'EXCEL_MANGLED_ID',
  'CSV_INVALID_UTF8',
  'CSV_CELL_SPANS_ROWS',
  // sources
  'SOURCE_UNKNOWN_FILE',
  'SOURCE_MISSING_FILE',
  'UNKNOWN_COLUMN',
  'MISSING_ID',
  'DELETED_ROW',
  'CONVERTED_LEAD',
  'CATCH_ALL_ACCOUNT',
  'CATCH_ALL_CONTACT',
  'MISSING_COMPANY',
  'MISSING_PERSON',
  'MISSING_DEAL',
  'AMBIGUOUS_LINK',
  // normalizing
  'INVALID_EMAIL',
  'DROPPED_EMAIL',
  'INVALID_DOMAIN',
  'FREEMAIL_DOMAIN',
  'INVALID_PHONE',
  'UNKNOWN_COUNTRY',
  'INVALID_NUMBER',
  'AMBIGUOUS_NUMBER',
  'INVALID_DATE',
  'UNMAPPED_SELECT',
  'FORMULA_VALUE',
  'VALUE_TOO_LONG',
  // planning
  'MISSING_UNIQUE_KEY',
  'DUPLICATE_IN_EXPORT',
  'AMBIGUOUS_MATCH',
  'DEAL_RENAMED',
  'MERGED_DUPLICATE',
  'MATCHED_OTHER_EMAIL',
  // running
  'API_REJECTED',
  'API_UNREACHABLE',
  'DEPENDENCY_FAILED',
  'LINK_FAILED',
  // the run stopped (Ctrl-C, or aborted on a network or auth error) before the row was sent
  'NOT_SENT',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  /** One sentence a person can act on: what is wrong and what to do. */
  message: string;
  file?: string;
  line?: number;
  /** 1-based column number, or the header name when that is clearer. */
  column?: number | string;
  object?: ObjectType;
  sourceId?: string;
  /** The offending value, when short enough to show. */
  value?: string;
}

export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return `${where ? `${where}: ` : ''}${issue.severity} ${issue.code}: ${issue.message}`;
}
