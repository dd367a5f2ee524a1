/** Files → rows: encoding, BOM, delimiter, positions, over a streaming csv-parse. */
export { looksExcelMangled } from './excel.js';
export { inspectCsv, readCsvRows } from './reader.js';
export type { CsvDelimiter, CsvEncoding, CsvFileInfo, ReadOptions, ReadStats } from './types.js';
export { emptyStats } from './types.js';
export { setValue } from './values.js';
