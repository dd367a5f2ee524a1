import { basename } from 'node:path';
import { type Html, html } from './escape.js';

/**
 * "contacts.csv:12" for a table cell: the file's name only, so an absolute path cannot squeeze the columns
 * beside it; the whole path is in the tooltip.
 */
export function whereCell(file: string | undefined, line?: number, column?: number | string): Html {
  const parts = [file ? basename(file) : '', line, column].filter(
    (part) => part !== undefined && part !== '',
  );
  return html`<td class="where" title="${file ?? ''}"><code>${parts.join(':') || '—'}</code></td>`;
}
