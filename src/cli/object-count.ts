import type { ObjectType } from '../core/objects.js';

const NOUNS: Record<ObjectType, [string, string]> = {
  company: ['company', 'companies'],
  person: ['person', 'people'],
  deal: ['deal', 'deals'],
};

/** `1 person`, `3 people`: a count of records as the console says it. */
export function countOf(n: number, object: ObjectType): string {
  return `${n} ${NOUNS[object][n === 1 ? 0 : 1]}`;
}
