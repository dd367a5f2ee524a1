import { collapseWhitespace } from '../../core/whitespace.js';

/**
 * Catch-all accounts: placeholders such as "Website Leads" or "Unknown" that orgs use to park contacts
 * without a real company. Creating them in Clarify would make one fake company hold unrelated people.
 */
export const BUILTIN_CATCH_ALL_NAMES = [
  'Website Leads',
  'Web Leads',
  'Unknown Company',
  'Unknown',
  'Individual',
  'Individuals',
  'No Company',
  'None',
  'N/A',
  'NA',
  'Default Account',
  'Placeholder Account',
];

/** An account holding at least this many contacts… */
export const CATCH_ALL_MIN_CONTACTS = 20;
/** …and at least this share of all contacts, with no website, is treated as a catch-all. */
export const CATCH_ALL_MIN_SHARE = 0.3;

function fold(name: string): string {
  return collapseWhitespace(name.normalize('NFC')).trim().toLowerCase();
}

export class CatchAllRule {
  private readonly names: Set<string>;

  constructor(extraNames: string[] = []) {
    this.names = new Set([...BUILTIN_CATCH_ALL_NAMES, ...extraNames].map(fold));
  }

  /** Why the account is a catch-all, or undefined. */
  reason(name: string, website: string, contacts: number, totalContacts: number): string | undefined {
    if (this.names.has(fold(name))) return 'its name is a placeholder';
    if (
      website === '' &&
      contacts >= CATCH_ALL_MIN_CONTACTS &&
      totalContacts > 0 &&
      contacts / totalContacts >= CATCH_ALL_MIN_SHARE
    ) {
      return `it holds ${Math.round((contacts / totalContacts) * 100)}% of all contacts and has no website`;
    }
    return undefined;
  }
}
