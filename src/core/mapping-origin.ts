import type { Mapping } from './mapping.js';

/** A key's place in the mapping file, 1-based. */
export interface MappingPlace {
  line: number;
  column: number;
}

/**
 * Where a loaded mapping came from, so that a problem found later (an attribute the workspace schema lacks)
 * names the file, line and column of the key, as a problem found while loading does.
 */
export interface MappingOrigin {
  file: string;
  /** The place of the value at `path` (or of its key with `key`), else of its nearest enclosing node. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): MappingPlace | undefined;
}

// Kept beside the mapping rather than in it: the mapping is plain data that also crosses to the reader thread.
const origins = new WeakMap<Mapping, MappingOrigin>();

export function setMappingOrigin(mapping: Mapping, origin: MappingOrigin): void {
  origins.set(mapping, origin);
}

/** `file:line:column` of a key of the mapping, or `undefined` for the built-in mapping. */
export function mappingPlace(
  mapping: Mapping,
  path: readonly (string | number)[],
  options?: { key?: boolean },
): string | undefined {
  const origin = origins.get(mapping);
  if (!origin) return undefined;
  const place = origin.locate(path, options);
  return place ? `${origin.file}:${place.line}:${place.column}` : origin.file;
}
