/** How the bytes of an export file are turned into text. `utf-8-bom` is UTF-8 that starts with a byte order mark. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The field delimiters the reader recognises (sniffed from the header line). */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * How an export file is written, as sniffed from its bytes. Finding out costs a pass over the whole file (is
 * every byte valid UTF-8, or is it Latin-1?), so a file read several times is sniffed once and its format
 * handed on.
 */
export interface CsvFormat {
  encoding: CsvEncoding;
  /** Bytes of byte order mark to skip. */
  bomLength: number;
  delimiter: CsvDelimiter;
  /** The file starts with Excel's `sep=;` hint line, which is not the header. */
  sepLine: boolean;
  /**
   * UTF-8 files only: bytes that are not valid UTF-8 in a file that otherwise is (a damaged export). They are
   * read as U+FFFD and each line holding one is reported.
   */
  invalidUtf8Bytes?: number;
}
