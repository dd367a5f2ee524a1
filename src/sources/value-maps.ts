import type { ObjectType } from '../core/objects.js';
import type { WorkspaceSchema } from '../core/schema.js';
import type { SourceName } from '../core/source-adapter.js';
import { HUBSPOT_DEFAULT_VALUE_MAPS } from './hubspot/value-maps.js';

/**
 * Salesforce default opportunity stages onto the default Clarify deal stages
 * (Prospecting, Qualification, Proposal, Negotiation, Won, Lost). Keys match case-insensitively.
 */
export const SALESFORCE_DEFAULT_VALUE_MAPS: Record<string, Record<string, string>> = {
  'deal.stage': {
    prospecting: 'Prospecting',
    qualification: 'Qualification',
    'needs analysis': 'Qualification',
    'value proposition': 'Proposal',
    'id. decision makers': 'Proposal',
    'perception analysis': 'Proposal',
    'proposal/price quote': 'Proposal',
    'negotiation/review': 'Negotiation',
    'closed won': 'Won',
    'closed lost': 'Lost',
  },
};

/** Pipedrive default pipeline stages, and the Won/Lost deal statuses the adapter puts in `stage`. */
export const PIPEDRIVE_DEFAULT_VALUE_MAPS: Record<string, Record<string, string>> = {
  'deal.stage': {
    'lead in': 'Prospecting',
    'contact made': 'Qualification',
    qualified: 'Qualification',
    'requirements defined': 'Qualification',
    'demo scheduled': 'Proposal',
    'proposal made': 'Proposal',
    'negotiations started': 'Negotiation',
    won: 'Won',
    lost: 'Lost',
  },
};

/** The built-in select-value maps of a source; the user's mapping `values` take precedence. */
export function defaultValueMaps(source: SourceName): Record<string, Record<string, string>> {
  if (source === 'hubspot') return HUBSPOT_DEFAULT_VALUE_MAPS;
  if (source === 'salesforce') return SALESFORCE_DEFAULT_VALUE_MAPS;
  if (source === 'pipedrive') return PIPEDRIVE_DEFAULT_VALUE_MAPS;
  return {};
}

/** The options of `object.field` in the schema, trimmed and lower-cased; empty when it has none. */
function optionKeys(schema: WorkspaceSchema | undefined, field: string): Set<string> {
  const [object, name] = field.split('.');
  const options = schema?.[object as ObjectType]?.fields[name ?? '']?.options ?? [];
  return new Set(options.map((option) => option.trim().toLowerCase()));
}

/**
 * The source's built-in value maps, refined entry by entry by the user's (`person.status` → value → option).
 *
 * With the workspace's schema, a built-in entry whose source value is itself an option of the field (matched
 * trimmed and case-insensitively) is left out, so that option is chosen: a workspace whose deal stages are
 * HubSpot's own `closedwon`, `qualifiedtobuy` … keeps them instead of our guess for Clarify's default stages.
 * The user's entries always apply.
 */
export function valueMapsFor(
  source: SourceName,
  user: Record<string, Record<string, string>>,
  schema?: WorkspaceSchema,
): Record<string, Record<string, string>> {
  const defaults = defaultValueMaps(source);
  const merged: Record<string, Record<string, string>> = {};
  for (const field of new Set([...Object.keys(defaults), ...Object.keys(user)])) {
    // Keys match case-insensitively, so the user's `Closed Won` must replace the built-in `closed won`,
    // not sit beside it.
    const entries: Record<string, string> = {};
    const options = optionKeys(schema, field);
    for (const [key, target] of Object.entries(defaults[field] ?? {})) {
      const value = key.trim().toLowerCase();
      if (!options.has(value)) entries[value] = target;
    }
    for (const [key, target] of Object.entries(user[field] ?? {})) entries[key.trim().toLowerCase()] = target;
    merged[field] = entries;
  }
  return merged;
}
