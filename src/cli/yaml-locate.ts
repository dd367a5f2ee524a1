import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { MappingOrigin, MappingPlace } from '../core/mapping-origin.js';

export type YamlLocate = MappingOrigin['locate'];

/**
 * Parses a YAML text once into its data and a way to find where a key path (as zod and our checks report it:
 * `options.date_order`, `files[0].columns`) is written. A path that does not exist (a missing key) gives the
 * place of its nearest existing parent. Throws the first YAMLParseError of a text that is not valid YAML.
 */
export function readYaml(text: string): { data: unknown; locate: YamlLocate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const [error] = doc.errors;
  if (error) throw error;
  const placeOf = (offset: number | undefined): MappingPlace | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: YamlLocate = (path, options = {}) => {
    let node: unknown = doc.contents;
    let place = placeOf((node as Node | null)?.range?.[0]);
    for (const [i, step] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
        if (!pair) return place;
        const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (last && options.key) return placeOf(keyStart) ?? place;
        node = pair.value;
        place = placeOf((node as Node | null)?.range?.[0]) ?? placeOf(keyStart) ?? place;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
        if (node === undefined) return place;
        place = placeOf((node as Node | null)?.range?.[0]) ?? place;
      } else {
        return place;
      }
    }
    return place;
  };
  return { data: doc.toJS(), locate };
}
