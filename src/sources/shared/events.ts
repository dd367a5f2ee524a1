import { StringIndex } from '../../core/compact/string-index.js';
import type { Issue, IssueCode, IssueSeverity } from '../../core/issues.js';
import type { ObjectType } from '../../core/objects.js';
import type { SourceLink, SourceRecord } from '../../core/records.js';
import type { SourceRow } from '../../core/rows.js';
import type { SourceEvent } from '../../core/source-adapter.js';
import { baseName } from './headers.js';

/** An issue about one row (or the record made of it). */
export function rowIssue(
  row: SourceRow,
  object: ObjectType,
  sourceId: string,
  code: IssueCode,
  severity: IssueSeverity,
  message: string,
  extra: Partial<Issue> = {},
): Issue {
  return { code, severity, message, file: row.file, line: row.line, object, sourceId, ...extra };
}

/** A file-level issue. */
export function fileIssue(
  file: string,
  code: IssueCode,
  severity: IssueSeverity,
  message: string,
  extra: Partial<Issue> = {},
): SourceEvent {
  return { kind: 'issue', issue: { code, severity, message, file, ...extra } };
}

/**
 * A SOURCE_UNKNOWN_FILE issue for each given file the adapter did not recognise, in the order given: a file
 * the user passed is never left out without a word.
 */
export function unknownFileIssues(
  files: readonly { path: string }[],
  recognised: readonly { file: { path: string } }[],
  severity: IssueSeverity,
  message: (name: string) => string,
): SourceEvent[] {
  const known = new Set(recognised.map((entry) => entry.file.path));
  return files
    .filter((file) => !known.has(file.path))
    .map((file) => fileIssue(file.path, 'SOURCE_UNKNOWN_FILE', severity, message(baseName(file.path))));
}

export function skipEvent(row: SourceRow, object: ObjectType, sourceId: string, issue: Issue): SourceEvent {
  return {
    kind: 'skip',
    skip: {
      object,
      sourceId,
      origin: { file: row.file, line: row.line },
      reason: issue.message,
      raw: row.values,
      issue,
    },
  };
}

export function recordEvent(
  row: SourceRow,
  object: ObjectType,
  sourceId: string,
  fields: Record<string, string | string[]>,
  issues: Issue[],
  companySourceId?: string,
  region?: string,
): SourceEvent {
  const record: SourceRecord = {
    object,
    sourceId,
    origin: { file: row.file, line: row.line },
    fields,
    raw: row.values,
    issues,
  };
  if (companySourceId !== undefined) record.companySourceId = companySourceId;
  if (region !== undefined) record.region = region;
  return { kind: 'record', record };
}

/**
 * The id of a row that has none in the export: stable across runs of the same file
 * (`<file name>#<line>`), so resumes and re-runs find the same record again as long as the file
 * is not edited above that row.
 */
export function syntheticId(row: { file: string; line: number }): string {
  return `${baseName(row.file)}#${row.line}`;
}

/** Person–deal links, deduplicated, in the order first seen. */
export class LinkSet {
  /** Keys of the links already sent: compact, since a million-contact export has hundreds of thousands. */
  private readonly seen = new StringIndex();
  readonly links: SourceLink[] = [];

  add(dealSourceId: string, personSourceId: string, origin: { file: string; line: number }): void {
    const key = `${dealSourceId}\u0000${personSourceId}`;
    if (!this.seen.addIfAbsent(key, 0)) return;
    this.links.push({ dealSourceId, personSourceId, origin: { file: origin.file, line: origin.line } });
  }

  /** A link the adapter could not resolve to a person (see SourceLink.problem); never deduplicated. */
  addUnresolved(dealSourceId: string, problem: Issue, origin: { file: string; line: number }): void {
    this.links.push({
      dealSourceId,
      personSourceId: '',
      origin: { file: origin.file, line: origin.line },
      problem,
    });
  }

  *events(): Iterable<SourceEvent> {
    for (const link of this.links) yield { kind: 'link', link };
  }

  /** Whether links were added since the last drain. */
  get pending(): boolean {
    return this.links.length > 0;
  }

  /** The links added since the last drain, then forgets them (only their keys stay, to drop repeats). */
  *drain(): Iterable<SourceEvent> {
    const links = this.links.splice(0);
    for (const link of links) yield { kind: 'link', link };
  }
}

/** Ids of the rows that become records, per object, and why others did not. */
export class IdRegistry {
  /** Compact: the ids of a million-row file. */
  private readonly records = new StringIndex();
  private readonly skipped = new Map<string, string>();

  addRecord(id: string): void {
    this.records.set(id, 0);
  }

  addSkipped(id: string, reason: string): void {
    if (!this.records.has(id)) this.skipped.set(id, reason);
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** Why `id` is not among the records: skipped (with its reason) or absent from the export. */
  whyMissing(id: string): string | undefined {
    return this.skipped.get(id);
  }
}
