import { z } from 'zod';

/**
 * The user's mapping file (`--mapping`, YAML), validated with this schema.
 * For vendor sources every part is optional and refines the built-in mapping;
 * for the generic source, `files` says what each CSV holds.
 */
const objectName = z.enum(['company', 'person', 'deal']);

export const fileMappingSchema = z
  .object({
    /** Glob on the file name (`*` and `?`), e.g. `accounts*.csv`. */
    match: z.string().min(1),
    object: z.enum(['company', 'person', 'deal', 'link']),
    /** Column holding the record's id in the source CRM (optional: the row position is used otherwise). */
    id: z.string().optional(),
    /** Clarify attribute → column name. Collections may list several columns (first valid value wins order). */
    columns: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
    /** For person/deal: the column naming its company, and what that column holds. */
    company: z.string().optional(),
    company_by: z.enum(['id', 'name', 'domain']).default('id'),
    /** For link files (and deals that name their people): deal and person columns. */
    deal: z.string().optional(),
    person: z.string().optional(),
    person_by: z.enum(['id', 'email', 'name']).default('id'),
    deal_by: z.enum(['id', 'name']).default('id'),
  })
  .strict();

export const mappingOptionsSchema = z
  .object({
    /** Order of day and month in ambiguous dates such as 03/04/2024. */
    date_order: z.enum(['mdy', 'dmy']).default('mdy'),
    /** Decimal separator of amounts: `.` (1,200.50) or `,` (1.200,50). */
    decimal: z.enum(['.', ',']).default('.'),
    /** ISO country for phone numbers written without +country code. */
    default_country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    catch_all_names: z.array(z.string()).default([]),
    import_catch_all: z.boolean().default(false),
    /** How a deal whose name is already taken is renamed: `{name}`, `{company}`, `{id}`, `{n}` placeholders. */
    deal_rename: z.string().default('{name} ({company})'),
  })
  .strict();

export const mappingSchema = z
  .object({
    version: z.literal(1).default(1),
    source: z.enum(['hubspot', 'salesforce', 'pipedrive', 'generic']).optional(),
    files: z.array(fileMappingSchema).default([]),
    /** Extra or overriding columns for vendor sources: object → column → attribute (or null to ignore). */
    columns: z.partialRecord(objectName, z.record(z.string(), z.string().nullable())).default({}),
    /** Select value maps: `person.status` → source value (case-insensitive) → workspace option. */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    options: mappingOptionsSchema.default(mappingOptionsSchema.parse({})),
  })
  .strict();
