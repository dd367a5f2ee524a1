import type { ObjectType } from '../core/objects.js';
import type { FieldSpec, WorkspaceSchema } from '../core/schema.js';
import type { ExportFile, RowReader, SourceAdapter } from '../core/source-adapter.js';
import { mapSelectValue } from '../normalize/index.js';

/** Distinct source values of one select attribute, and what each maps to today. */
export interface SelectField {
  /** `object.attribute`, the key of `values:` in the mapping. */
  key: string;
  options: string[];
  proposals: SelectProposal[];
  /** More distinct values than the cap were seen; only the first `cap` are listed. */
  truncated: boolean;
}

export interface SelectProposal {
  value: string;
  /** The workspace option, or undefined when the value maps to nothing. */
  option: string | undefined;
  /** Why nothing was proposed (the normalizer's message). */
  reason?: string;
}

function selectSpec(schema: WorkspaceSchema, object: ObjectType, attr: string): FieldSpec | undefined {
  const spec = schema[object]?.fields[attr];
  return spec && (spec.kind === 'select' || spec.kind === 'multi_select') ? spec : undefined;
}

/**
 * Streams the export through the adapter (the same fields the importer normalizes) and keeps the distinct
 * values (case-insensitive, at most `cap` per attribute) of every select attribute, each with the option
 * `mapSelectValue` picks under `valueMaps` (built-in maps refined by the user's).
 */
export async function collectSelectValues(
  adapter: SourceAdapter,
  files: ExportFile[],
  readRows: RowReader,
  schema: WorkspaceSchema,
  valueMaps: Record<string, Record<string, string>>,
  cap = 200,
): Promise<SelectField[]> {
  const seen = new Map<string, { spec: FieldSpec; values: Map<string, string>; truncated: boolean }>();
  for await (const event of adapter.read(files, readRows, {})) {
    if (event.kind !== 'record') continue;
    const { object, fields } = event.record;
    for (const [attr, raw] of Object.entries(fields)) {
      const spec = selectSpec(schema, object, attr);
      if (!spec) continue;
      const key = `${object}.${attr}`;
      let entry = seen.get(key);
      if (!entry) {
        entry = { spec, values: new Map(), truncated: false };
        seen.set(key, entry);
      }
      const cells = Array.isArray(raw) ? raw : [raw];
      const pieces = spec.kind === 'multi_select' ? cells.flatMap((cell) => cell.split(';')) : cells;
      for (const piece of pieces) {
        const value = piece.trim();
        if (value === '' || entry.values.has(value.toLowerCase())) continue;
        if (entry.values.size >= cap) entry.truncated = true;
        else entry.values.set(value.toLowerCase(), value);
      }
    }
  }
  return [...seen.entries()].map(([key, { spec, values, truncated }]) => {
    const options = spec.options ?? [];
    const proposals = [...values.values()].map((value): SelectProposal => {
      const result = mapSelectValue(value, options, valueMaps[key]);
      if (result.ok) {
        return result.value === null
          ? { value, option: undefined, reason: 'the value map sends it to nothing' }
          : { value, option: result.value };
      }
      return { value, option: undefined, reason: result.reason };
    });
    return { key, options, proposals, truncated };
  });
}
