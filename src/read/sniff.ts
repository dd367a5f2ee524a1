import { isUtf8 } from 'node:buffer';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { ImportError } from '../core/errors.js';
import type { Issue } from '../core/issues.js';
import type { CsvDelimiter, CsvEncoding, CsvFormat } from './types.js';
import { Utf8Tally } from './utf8-tally.js';

/** Bytes read to sniff a file: encoding, format, delimiter. */
export const SNIFF_BYTES = 64 * 1024;
/** Bytes checked for binary content. */
const BINARY_PROBE = 1024;

export const EXCEL_MESSAGE = 'this is an Excel file: open it in Excel/Sheets and export it as CSV (UTF-8)';

export type Sniffed = CsvFormat;

export type SniffResult = { ok: true; sniffed: Sniffed } | { ok: false; issue: Issue };

/**
 * Looks at the first 64 KB of a file (and, for files without a BOM, checks the whole file is valid UTF-8,
 * streaming) to decide whether it is a CSV at all, how its bytes are encoded and which delimiter it uses.
 * Throws ImportError('INPUT') only when the path cannot be opened or read.
 */
export async function sniffFile(path: string): Promise<SniffResult> {
  const { head, size } = await readHead(path);
  const fail = (code: Issue['code'], message: string): SniffResult => ({
    ok: false,
    issue: { code, severity: 'error', file: path, message },
  });
  if (size === 0) return fail('FILE_EMPTY', 'the file is empty: export it again from your CRM');

  const format = detectFormat(head);
  if (format) return fail(format.code, format.message);

  let encoding: CsvEncoding;
  let bomLength = 0;
  let invalidUtf8Bytes: number | undefined;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8-bom';
    bomLength = 3;
  } else if (startsWith(head, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    bomLength = 2;
  } else if (startsWith(head, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    bomLength = 2;
  } else {
    const utf16 = guessUtf16(head);
    if (utf16) encoding = utf16;
    else {
      const check = await checkUtf8File(path, head, size);
      encoding = check.utf8 ? 'utf-8' : 'windows-1252';
      if (check.utf8 && check.invalid > 0) invalidUtf8Bytes = check.invalid;
    }
  }
  if (size === bomLength)
    return fail('FILE_EMPTY', 'the file holds nothing but a byte order mark: export it again');

  const text = decodeHead(head.subarray(bomLength), encoding, size > head.length);
  if (looksBinary(text.slice(0, BINARY_PROBE))) {
    return fail(
      'FILE_NOT_CSV',
      'this is not a CSV file (it contains binary data): export the data from your CRM as CSV (UTF-8) and use that file',
    );
  }
  const markup = notCsvText(text);
  if (markup) return fail('FILE_NOT_CSV', markup);
  if (size <= head.length && text.replace(/\0/g, '').trim() === '') {
    return fail('FILE_EMPTY', 'the file holds only blank lines: export it again from your CRM');
  }
  const sep = /^sep=([,;\t])\r?\n/.exec(text);
  const delimiter = sep ? (sep[1] as CsvDelimiter) : sniffDelimiter(text);
  const sniffed: Sniffed = { encoding, bomLength, delimiter, sepLine: sep !== null };
  if (invalidUtf8Bytes !== undefined) sniffed.invalidUtf8Bytes = invalidUtf8Bytes;
  return { ok: true, sniffed };
}

/**
 * Text that is plainly not a CSV export: a web page (a CRM's login or error page saved instead of the
 * download), XML, or JSON (an API response). Without this, such a file went on to source detection and got
 * "could not tell which CRM produced the files".
 */
function notCsvText(text: string): string | undefined {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return 'this is a web page (HTML), not a CSV export — often a login or error page saved instead of the download: export the data from your CRM as CSV again';
  }
  if (start.startsWith('<?xml'))
    return 'this is an XML file, not a CSV export: export the data from your CRM as CSV';
  if (/^(\{\s*"|\[\s*[{["\d\]])/.test(start)) {
    return 'this is JSON (an API response?), not a CSV export: export the data from your CRM as CSV';
  }
  return undefined;
}

async function readHead(path: string): Promise<{ head: Buffer; size: number }> {
  try {
    // Checked before opening: opening a pipe with no writer blocks, and a pipe or device read as a file said
    // "the file is empty". An export is read several times (sniffing, headers, rows), so it must be a file.
    const kind = await stat(path);
    if (!kind.isFile() && !kind.isDirectory()) {
      throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    }
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return { head: head.subarray(0, bytesRead), size: info.size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
}

export function unreadable(path: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : code === 'ENOTREG'
            ? 'it is a pipe or a device, not a file: save the export to a file and pass that path'
            : code === 'ELOOP'
              ? 'the path is a loop of symbolic links'
              : (error as Error).message;
  return new ImportError('INPUT', `cannot read ${path}: ${reason}`, {
    hint: 'check the path and that the file can be read',
    cause: error,
  });
}

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((byte, i) => buf[i] === byte);
}

/** Spreadsheets and archives handed over as CSV: recognised by their signature. */
function detectFormat(head: Buffer): { code: 'FILE_IS_EXCEL' | 'FILE_NOT_CSV'; message: string } | undefined {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { code: 'FILE_IS_EXCEL', message: EXCEL_MESSAGE };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const names = head.toString('latin1');
    if (names.includes('opendocument.spreadsheet')) {
      return {
        code: 'FILE_IS_EXCEL',
        message:
          'this is a spreadsheet (OpenDocument) file: open it in LibreOffice/Sheets and export it as CSV (UTF-8)',
      };
    }
    if (/\[Content_Types\]\.xml|xl\/|docProps\//.test(names) || !names.includes('.csv')) {
      return { code: 'FILE_IS_EXCEL', message: EXCEL_MESSAGE };
    }
    return {
      code: 'FILE_NOT_CSV',
      message:
        'this is a ZIP archive, not a CSV file: unzip it and pass the CSV files inside (a Salesforce data export is a ZIP of CSV files)',
    };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return {
      code: 'FILE_NOT_CSV',
      message: 'this is a PDF, not a CSV file: export the data from your CRM as CSV',
    };
  }
  if (startsWith(head, [0x1f, 0x8b])) {
    return {
      code: 'FILE_NOT_CSV',
      message: 'this is a gzip archive: decompress it and pass the CSV file inside',
    };
  }
  return undefined;
}

/** UTF-16 without a BOM (rare): ASCII text then has a NUL in every other byte. */
function guessUtf16(head: Buffer): CsvEncoding | undefined {
  const n = Math.min(head.length, BINARY_PROBE) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0 when it ends on a character boundary). */
export function incompleteUtf8Tail(buf: Uint8Array): number {
  const end = buf.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = buf[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return 0;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return end - i < needed ? end - i : 0;
  }
  return 0;
}

/** Bytes read at a time by the UTF-8 check: large reads into one buffer, not a stream of small chunks. */
const UTF8_CHECK_BYTES = 8 * 1024 * 1024;

/**
 * Whether the file is UTF-8, and how many of its bytes are not (replaced by U+FFFD when it is read).
 * A file that is valid throughout is read as UTF-8 at once; one with an invalid byte is counted again byte by
 * byte (see Utf8Tally): a UTF-8 export with a few damaged bytes stays UTF-8, a Windows-1252 one is not.
 */
async function checkUtf8File(
  path: string,
  head: Buffer,
  size: number,
): Promise<{ utf8: boolean; invalid: number }> {
  if (await isUtf8File(path, head, size)) return { utf8: true, invalid: 0 };
  const tally = new Utf8Tally();
  await readWhole(path, (bytes) => tally.add(bytes));
  tally.end();
  return { utf8: tally.isUtf8, invalid: tally.invalid };
}

/**
 * Reads the whole file through isUtf8, carrying sequences split across reads. Stops at the first bad byte.
 * One reused 8 MB buffer: a stream of 1 MB chunks took three times as long (0.22 s against 0.07 s on a
 * 150 MB export), and this pass runs before anything else can start.
 */
async function isUtf8File(path: string, head: Buffer, size: number): Promise<boolean> {
  if (size <= head.length) return isUtf8(head);
  const tail = incompleteUtf8Tail(head);
  if (!isUtf8(head.subarray(0, head.length - tail))) return false;
  const buffer = Buffer.allocUnsafe(UTF8_CHECK_BYTES);
  let position = head.length - tail;
  let carry = 0;
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carry, buffer.length - carry, position);
      if (bytesRead === 0) return carry === 0;
      position += bytesRead;
      const filled = buffer.subarray(0, carry + bytesRead);
      const cut = filled.length - incompleteUtf8Tail(filled);
      if (!isUtf8(filled.subarray(0, cut))) return false;
      carry = filled.length - cut;
      buffer.copy(buffer, 0, cut, filled.length);
    }
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
}

/** Hands the whole file, in reads of UTF8_CHECK_BYTES, to `take` (which must not keep the buffer). */
async function readWhole(path: string, take: (bytes: Buffer) => void): Promise<void> {
  const buffer = Buffer.allocUnsafe(UTF8_CHECK_BYTES);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      take(buffer.subarray(0, bytesRead));
    }
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
}

function decodeHead(bytes: Buffer, encoding: CsvEncoding, truncated: boolean): string {
  switch (encoding) {
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, bytes.length & ~1));
    case 'windows-1252':
      return new TextDecoder('windows-1252').decode(bytes);
    default:
      return bytes
        .subarray(0, truncated ? bytes.length - incompleteUtf8Tail(bytes) : bytes.length)
        .toString('utf8');
  }
}

/** NUL-heavy or full of control characters: an image, a database, a compressed file... */
function looksBinary(probe: string): boolean {
  if (probe.length === 0) return false;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const code = probe.charCodeAt(i);
    if (code === 0) nul++;
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) control++;
  }
  const n = probe.length;
  return nul > n * 0.2 || control > n * 0.03 || nul + control > n * 0.1;
}

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t'];

/**
 * Counts `,` `;` and tab outside quotes in the header record (the first non-blank one); the most frequent wins.
 * A tie is broken by the data lines that follow: the delimiter giving them the header's cell count wins.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const records = splitRecords(text, 11);
  const header = records[0];
  if (!header) return ',';
  const counts = DELIMITERS.map((d) => count(header, d));
  const max = Math.max(...counts);
  if (max === 0) return ',';
  const tied = DELIMITERS.filter((_, i) => counts[i] === max);
  if (tied.length === 1) return tied[0]!;
  const data = records.slice(1);
  let best = tied[0]!;
  let bestScore = -1;
  for (const d of tied) {
    const score = data.filter((record) => count(record, d) === max).length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Up to `limit` non-blank records of `text`, with quoted parts removed (so quoted delimiters do not count). */
function splitRecords(text: string, limit: number): string[] {
  const records: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current.trim() !== '') records.push(current);
      current = '';
    } else if (!quoted) current += ch;
  }
  if (current.trim() !== '' && records.length < limit && !quoted) records.push(current);
  return records;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
