import type { AttributeValue } from '../core/schema.js';

/** An attribute value as a person reads it in a report: collections as `a; b`, empty as ''. */
export function attributeText(value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.items.join('; ');
  return String(value);
}

/** For one-line messages: quoted, `(empty)` when there is nothing. */
export function quotedAttribute(value: AttributeValue | undefined): string {
  const text = attributeText(value);
  return text === '' ? '(empty)' : JSON.stringify(text);
}
