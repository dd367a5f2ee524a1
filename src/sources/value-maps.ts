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

/** The source's built-in value maps, refined entry by entry by the user's (`person.status` → value → option). */
export function valueMapsFor(
  source: SourceName,
  user: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> {
  const defaults = defaultValueMaps(source);
  const merged: Record<string, Record<string, string>> = {};
  for (const field of new Set([...Object.keys(defaults), ...Object.keys(user)])) {
    // Keys match case-insensitively, so the user's `Closed Won` must replace the built-in `closed won`,
    // not sit beside it.
    const entries: Record<string, string> = {};
    for (const map of [defaults[field], user[field]]) {
      for (const [key, target] of Object.entries(map ?? {})) entries[key.trim().toLowerCase()] = target;
    }
    merged[field] = entries;
  }
  return merged;
}
