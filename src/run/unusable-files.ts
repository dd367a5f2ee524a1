import { ImportError } from '../core/errors.js';
import type { Issue } from '../core/issues.js';
import type { ExportFile } from '../core/source-adapter.js';

/**
 * An export that cannot be read as CSV at all (an Excel workbook, a binary or empty file, a broken header) stops
 * the import before anything is written (design.md §2, exit 2): importing the other files alone would silently
 * leave that file's records out, and guessing the CRM from the remaining headers hides the real reason.
 */
export function assertUsableFiles(files: ExportFile[], issues: Issue[]): void {
  const unusable = files.filter((file) => file.headers.length === 0);
  if (unusable.length === 0) return;
  const lines = unusable.map((file) => {
    const reasons = issues.filter((issue) => issue.file === file.path && issue.severity === 'error');
    const why =
      reasons.length > 0
        ? reasons
            .map((issue) => `${issue.line ? `line ${issue.line}: ` : ''}${issue.message} [${issue.code}]`)
            .join('; ')
        : 'no header row could be read: export it again from your CRM as CSV (UTF-8)';
    return `  - ${file.path}: ${why}`;
  });
  const n = unusable.length;
  throw new ImportError(
    'INPUT',
    `${n} export file${n === 1 ? '' : 's'} cannot be read as CSV; nothing was written:\n${lines.join('\n')}`,
    {
      hint: 'replace each file above with a CSV export (or remove it from the paths you pass) and run again',
    },
  );
}
