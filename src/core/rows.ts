import type { Issue } from './issues.js';

/** Where a row came from: the export file and the 1-based physical line its record starts on. */
export interface SourcePosition {
  file: string;
  line: number;
}

/** One data row of a CSV export, cells keyed by header (duplicate headers are disambiguated by the reader). */
export interface SourceRow extends SourcePosition {
  values: Record<string, string>;
  /**
   * Set when the row could not be read faithfully (ragged, unterminated quote...). `values` then holds what
   * could be salvaged; the adapter must report the row as failed, never drop it.
   */
  error?: Issue;
}
