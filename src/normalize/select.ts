import { fail, type Normalized, ok, quote } from './result.js';

/** Case-, accent-, whitespace- and punctuation-insensitive key: "Closed - Won" ~ "closedwon". */
function looseKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function listOptions(options: readonly string[]): string {
  if (options.length === 0) return 'the field has no options in the workspace';
  const shown = options.slice(0, 20).map((option) => JSON.stringify(option));
  return `allowed: ${shown.join(', ')}${options.length > 20 ? `, … (${options.length} in all)` : ''}`;
}

/** The option matching `value`: exactly, then case-insensitively, then loosely (only if unambiguous). */
function findOption(value: string, options: readonly string[]): string | undefined {
  if (options.includes(value)) return value;
  const lower = value.toLowerCase();
  const byCase = options.filter((option) => option.toLowerCase() === lower);
  if (byCase.length === 1) return byCase[0];
  const key = looseKey(value);
  if (key === '') return undefined;
  const loose = options.filter((option) => looseKey(option) === key);
  return loose.length === 1 ? loose[0] : undefined;
}

/** Value maps with their keys trimmed and lower-cased, built once per map (they are looked up for every row). */
const lookups = new WeakMap<Record<string, string>, Map<string, string>>();

/** The target of `value` in a value map; keys match trimmed and case-insensitively, a later key winning a tie. */
function valueMapTarget(valueMap: Record<string, string>, value: string): string | undefined {
  let lookup = lookups.get(valueMap);
  if (!lookup) {
    lookup = new Map(Object.entries(valueMap).map(([key, target]) => [key.trim().toLowerCase(), target]));
    lookups.set(valueMap, lookup);
  }
  return lookup.get(value.toLowerCase());
}

/**
 * A raw select value → the workspace option, spelled exactly as the workspace spells it (the API is
 * case-sensitive); empty, or mapped to `""` on purpose, → null. The value map (`mapping.values['person.status']`, keys case-insensitive)
 * is consulted first, so internal values such as HubSpot's `marketingqualifiedlead` can be translated.
 */
export function mapSelectValue(
  raw: string,
  options: readonly string[],
  valueMap?: Record<string, string>,
): Normalized<string | null> {
  const value = raw.trim();
  if (value === '') return ok(null);

  if (valueMap) {
    const mapped = valueMapTarget(valueMap, value);
    if (mapped !== undefined) {
      const target = mapped.trim();
      if (target === '') return ok(null);
      const option = findOption(target, options);
      if (option !== undefined) return ok(option);
      return fail(
        `the value map sends ${quote(value)} to ${quote(target)}, which is not an option of this field (${listOptions(options)}); correct the value map.`,
      );
    }
  }

  const option = findOption(value, options);
  if (option !== undefined) return ok(option);
  return fail(
    `${quote(value)} is not an option of this field (${listOptions(options)}); add it to the value map in the mapping file or to the workspace.`,
  );
}
