/**
 * Source adapters: turn a CRM's export files into SourceRecords, skips and person–deal links
 * (companies, then people, then deals, then links), and detect which CRM produced the files.
 */
import type {
  ExportFile,
  RowReader,
  SourceAdapter,
  SourceEvent,
  SourceOptions,
} from '../core/source-adapter.js';

export { ADAPTERS, createAdapter, detectSource } from './detect.js';
export { createGenericAdapter } from './generic/adapter.js';
export { createHubspotAdapter } from './hubspot/adapter.js';
export { HUBSPOT_DEFAULT_VALUE_MAPS } from './hubspot/value-maps.js';
export { createPipedriveAdapter } from './pipedrive/adapter.js';
export { createSalesforceAdapter } from './salesforce/adapter.js';
export { BUILTIN_CATCH_ALL_NAMES } from './shared/catch-all.js';
export {
  defaultValueMaps,
  PIPEDRIVE_DEFAULT_VALUE_MAPS,
  SALESFORCE_DEFAULT_VALUE_MAPS,
  valueMapsFor,
} from './value-maps.js';

/** All events of an export, in order. A thin wrapper over `adapter.read` for callers that hold the pieces. */
export async function* readExport(
  files: ExportFile[],
  adapter: SourceAdapter,
  readRows: RowReader,
  options: SourceOptions = {},
): AsyncGenerator<SourceEvent> {
  yield* adapter.read(files, readRows, options);
}
export { describeColumns, type FileColumns, type MappedColumn } from './describe.js';
