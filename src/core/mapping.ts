import type { z } from 'zod';
import type { fileMappingSchema, mappingOptionsSchema, mappingSchema } from './mapping-schema.js';

/** The shape of a mapping; the schema that validates a --mapping file is in mapping-schema.ts. */
export type FileMapping = z.infer<typeof fileMappingSchema>;
export type MappingOptions = z.infer<typeof mappingOptionsSchema>;
export type Mapping = z.infer<typeof mappingSchema>;

/**
 * The mapping without a --mapping file: what `mappingSchema.parse({})` gives (a test holds the two equal).
 * Written out so that a plan without a mapping file loads no schema library (zod took about 100 ms to load).
 */
export const DEFAULT_MAPPING: Mapping = {
  version: 1,
  files: [],
  columns: {},
  values: {},
  options: {
    date_order: 'mdy',
    decimal: '.',
    catch_all_names: [],
    import_catch_all: false,
    deal_rename: '{name} ({company})',
  },
};
