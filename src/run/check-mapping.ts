import { ImportError } from '../core/errors.js';
import type { Mapping } from '../core/mapping.js';
import { mappingPlace } from '../core/mapping-origin.js';
import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { WorkspaceSchema } from '../core/schema.js';
import { closestName } from '../mapping-init/similarity.js';

/** Attributes the adapters may emit that are not workspace fields: a person's full name is split by normalize. */
const PSEUDO_ATTRIBUTES: Partial<Record<ObjectType, string[]>> = { person: ['name'] };

/** The attribute names of `object` a mapping may name: writable fields plus the pseudo attributes. */
export function mappableAttributes(schema: WorkspaceSchema, object: ObjectType): string[] {
  const fields = Object.values(schema[object]?.fields ?? {})
    .filter((field) => field.kind !== 'readonly' && field.kind !== 'reference')
    .map((field) => field.name);
  return [...new Set([...fields, ...(PSEUDO_ATTRIBUTES[object] ?? [])])];
}

/** `file:line:column: ` of a key of a mapping read from a file (nothing for the built-in mapping). */
function at(mapping: Mapping, path: readonly (string | number)[], options?: { key?: boolean }): string {
  const place = mappingPlace(mapping, path, options);
  return place ? `${place}: ` : '';
}

function unknownAttribute(
  place: string,
  where: string,
  object: ObjectType,
  attr: string,
  allowed: string[],
): ImportError {
  const suggestion = closestName(attr, allowed);
  return new ImportError(
    'MAPPING',
    `${place}mapping ${where}: "${attr}" is not an attribute of ${object} in this workspace.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Attributes of ${object}: ${allowed.join(', ')}.`,
    { hint: 'correct the attribute name in the --mapping file (names as in GET /schemas, e.g. job_title)' },
  );
}

/**
 * Every attribute the mapping names (`columns`, `files[].columns`, `values` keys) must exist in the workspace
 * schema: a typo would otherwise import nothing into that attribute, silently. Throws ImportError('MAPPING').
 */
export function checkMappingAgainstSchema(mapping: Mapping, schema: WorkspaceSchema): void {
  for (const object of OBJECT_TYPES) {
    const allowed = mappableAttributes(schema, object);
    for (const [column, attr] of Object.entries(mapping.columns[object] ?? {})) {
      if (attr !== null && !allowed.includes(attr)) {
        const place = at(mapping, ['columns', object, column]);
        throw unknownAttribute(place, `columns.${object}."${column}"`, object, attr, allowed);
      }
    }
  }
  mapping.files.forEach((entry, position) => {
    if (entry.object === 'link') return;
    const allowed = mappableAttributes(schema, entry.object);
    for (const attr of Object.keys(entry.columns)) {
      if (!allowed.includes(attr)) {
        throw unknownAttribute(
          at(mapping, ['files', position, 'columns', attr], { key: true }),
          `files[${position}] (match "${entry.match}") columns`,
          entry.object,
          attr,
          allowed,
        );
      }
    }
  });
  for (const key of Object.keys(mapping.values)) {
    const [object, field, ...rest] = key.split('.');
    if (
      !(OBJECT_TYPES as readonly string[]).includes(object ?? '') ||
      field === undefined ||
      rest.length > 0
    ) {
      throw new ImportError(
        'MAPPING',
        `${at(mapping, ['values', key], { key: true })}mapping values."${key}": expected <object>.<attribute> with object one of ${OBJECT_TYPES.join(', ')} (e.g. deal.stage)`,
      );
    }
    const typed = object as ObjectType;
    const selects = Object.values(schema[typed]?.fields ?? {})
      .filter((spec) => spec.kind === 'select' || spec.kind === 'multi_select')
      .map((spec) => spec.name);
    if (!selects.includes(field)) {
      const suggestion = closestName(field, selects);
      throw new ImportError(
        'MAPPING',
        `${at(mapping, ['values', key], { key: true })}mapping values."${key}": "${field}" is not a select attribute of ${typed} in this workspace.${suggestion ? ` Did you mean "${typed}.${suggestion}"?` : ''} Select attributes of ${typed}: ${selects.join(', ') || '(none)'}.`,
        { hint: 'value maps are keyed <object>.<select attribute>, e.g. deal.stage' },
      );
    }
  }
}
