import { baseName } from '../core/base-name.js';
import type { Issue, IssueCode, IssueSeverity } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { SourcePosition } from '../core/rows.js';

/** Where a record came from, for the issues the planner attaches to it. */
export interface RowRef {
  object: ObjectType;
  sourceId: string;
  origin: SourcePosition;
}

export function planIssue(row: RowRef, code: IssueCode, severity: IssueSeverity, message: string): Issue {
  return {
    code,
    severity,
    message,
    file: row.origin.file,
    line: row.origin.line,
    object: row.object,
    sourceId: row.sourceId,
  };
}

/** Quotes a value for a message, shortened so one absurd cell cannot flood a report. */
export function q(value: string, max = 80): string {
  return `'${value.length > max ? `${value.slice(0, max)}…` : value}'`;
}

/** `line 5`, or `line 5 of Opportunity.csv` when the row cited is in another file than the row speaking. */
export function placeLabel(file: string, line: number, from: string): string {
  return file === from ? `line ${line}` : `line ${line} of ${baseName(file)}`;
}

/** "Acme (line 12)" or "line 12" — how a message names another row of the export. */
export function rowLabel(name: string, where: number | string): string {
  const place = typeof where === 'number' ? `line ${where}` : where;
  return name === '' ? place : `${name} (${place})`;
}
