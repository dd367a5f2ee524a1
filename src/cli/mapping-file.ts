import { DEFAULT_MAPPING, type Mapping } from '../core/mapping.js';

/**
 * The mapping of a command: the built-in one, or `--mapping` read and validated. The YAML parser and the
 * schema library load only when a file is given (about 150 ms of every start otherwise).
 */
export async function loadMapping(path: string | undefined): Promise<Mapping> {
  if (!path) return DEFAULT_MAPPING;
  const { readMappingFile } = await import('./mapping-file-read.js');
  return readMappingFile(path);
}
