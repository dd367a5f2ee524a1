import type { ObjectType } from './objects.js';

/**
 * The workspace schema as the importer sees it (parsed from `GET /schemas` by src/clarify/schema.ts).
 * Kinds decide how a raw export value is normalized and how it is sent.
 */
export type FieldKind =
  | 'text'
  | 'number'
  | 'date'
  | 'boolean'
  | 'select'
  | 'multi_select'
  | 'email_list'
  | 'domain_list'
  | 'phone_list'
  | 'string_list'
  | 'reference'
  | 'readonly';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  title?: string;
  /** Select options, exactly as the workspace spells them (case matters to the API). */
  options?: string[];
  unique?: boolean;
  /** For kind 'reference': the object the id points to. */
  target?: ObjectType;
}

export interface ObjectSchema {
  object: ObjectType;
  fields: Record<string, FieldSpec>;
}

export type WorkspaceSchema = Record<ObjectType, ObjectSchema>;

/** Values as Clarify takes them on the wire. Collections are `{items: [...]}` objects, never bare arrays. */
export type AttributeValue = string | number | boolean | null | { items: string[] };
export type Attributes = Record<string, AttributeValue>;
