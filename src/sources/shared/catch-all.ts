import { collapseWhitespace } from '../../core/whitespace.js';

/**
 * Catch-all accounts: placeholders such as "Website Leads" or "Unknown" that orgs use to park contacts
 * without a real company. Creating them in Clarify would make one fake company hold unrelated people.
 * Salesforce also detects them by their share of contacts; HubSpot and Pipedrive by name only.
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

  /** Whether the name is one of the placeholder names (built in, or the mapping's `catch_all_names`). */
  isPlaceholder(name: string): boolean {
    return this.names.has(fold(name));
  }

  /** Why the account is a catch-all, or undefined. */
  reason(name: string, website: string, contacts: number, totalContacts: number): string | undefined {
    if (this.isPlaceholder(name)) return 'its name is a placeholder';
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

/**
 * The skip of a company row whose name is a placeholder (HubSpot, Pipedrive): it is not created, and the
 * planner imports the people and deals that name it without a company, with a note.
 */
export function catchAllCompanyMessage(name: string): string {
  return `"${name}" is a placeholder name, not a company (a catch-all); it is not created, and its people and deals are imported without a company. Set options.import_catch_all: true in --mapping to import it anyway, or list other placeholder names in options.catch_all_names.`;
}

/** The rule of a source's mapping, or undefined when catch-alls are to be imported as companies. */
export function catchAllRuleOf(options: {
  catch_all_names: string[];
  import_catch_all: boolean;
}): CatchAllRule | undefined {
  return options.import_catch_all ? undefined : new CatchAllRule(options.catch_all_names);
}
