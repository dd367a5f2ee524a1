import type { ObjectType } from '../core/objects.js';
import { companyName, dealName, lowerItems, nameKey, personName, textOf } from './attributes.js';
import type { ExistingRecord } from './types.js';

/** Marks a name shared by several workspace records: a name match must be unique to count. */
const AMBIGUOUS = '\u0000ambiguous';

/**
 * The snapshot of what the workspace holds, with the lookups the planner matches against.
 * Unique-key maps (email, domain, deal name) are kept up to date on every `add`; the name maps used only
 * for records without a unique key are built on first use, since most imports never need them.
 */
export class WorkspaceIndex {
  readonly #records: Record<ObjectType, Map<string, ExistingRecord>> = {
    company: new Map(),
    person: new Map(),
    deal: new Map(),
  };
  readonly #byEmail = new Map<string, string>();
  readonly #byDomain = new Map<string, string>();
  readonly #byDealName = new Map<string, string>();
  #byCompanyName: Map<string, string> | undefined;
  #byPersonName: Map<string, string> | undefined;
  /** The same, only people without an email: what an earlier import of an email-less row created. */
  #byEmaillessPersonName: Map<string, string> | undefined;

  add(object: ObjectType, record: ExistingRecord): void {
    const previous = this.#records[object].get(record.id);
    if (previous) this.#unindex(object, previous);
    this.#records[object].set(record.id, record);
    this.#index(object, record);
  }

  get(object: ObjectType, id: string): ExistingRecord | undefined {
    return this.#records[object].get(id);
  }

  has(object: ObjectType, id: string): boolean {
    return this.#records[object].has(id);
  }

  size(object: ObjectType): number {
    return this.#records[object].size;
  }

  /** The person holding this email address (any case), if any. */
  personByEmail(email: string): string | undefined {
    return this.#byEmail.get(email.toLowerCase());
  }

  /** The company holding this domain (any case), if any. */
  companyByDomain(domain: string): string | undefined {
    return this.#byDomain.get(domain.toLowerCase());
  }

  /** The deal with exactly this name, if any. */
  dealByName(name: string): string | undefined {
    return this.#byDealName.get(name);
  }

  /** The one company with this name (case-insensitive); undefined when none or several have it. */
  companyByName(name: string): string | undefined {
    this.#byCompanyName ??= this.#buildNames('company');
    return unique(this.#byCompanyName.get(nameKey(name)));
  }

  /**
   * The one person with this full name (case-insensitive) and this company (`''` = no company);
   * undefined when none or several match. A person without an email is preferred: a row without email
   * imported before became exactly that, while namesakes with emails (common in a large workspace) are
   * other people — letting them make the name ambiguous re-created such rows on every new import.
   */
  personByName(fullName: string, companyId: string): string | undefined {
    const key = personKey(fullName, companyId);
    this.#byEmaillessPersonName ??= this.#buildNames('person', withoutEmail);
    const emailless = unique(this.#byEmaillessPersonName.get(key));
    if (emailless !== undefined) return emailless;
    this.#byPersonName ??= this.#buildNames('person');
    return unique(this.#byPersonName.get(key));
  }

  #index(object: ObjectType, record: ExistingRecord): void {
    const { id, attributes } = record;
    if (object === 'person') {
      for (const email of lowerItems(attributes.email_addresses)) {
        if (!this.#byEmail.has(email)) this.#byEmail.set(email, id);
      }
      if (this.#byPersonName) addName(this.#byPersonName, personKeyOf(record), id);
      if (this.#byEmaillessPersonName && withoutEmail(record)) {
        addName(this.#byEmaillessPersonName, personKeyOf(record), id);
      }
    } else if (object === 'company') {
      for (const domain of lowerItems(attributes.domains)) {
        if (!this.#byDomain.has(domain)) this.#byDomain.set(domain, id);
      }
      if (this.#byCompanyName) addName(this.#byCompanyName, companyKeyOf(record), id);
    } else {
      const name = dealName(attributes);
      if (name !== '' && !this.#byDealName.has(name)) this.#byDealName.set(name, id);
    }
  }

  /** Replacing a record (a second `add` of one id) drops its old keys first. */
  #unindex(object: ObjectType, record: ExistingRecord): void {
    const { id, attributes } = record;
    const drop = (map: Map<string, string>, key: string) => {
      if (map.get(key) === id) map.delete(key);
    };
    if (object === 'person') {
      for (const email of lowerItems(attributes.email_addresses)) drop(this.#byEmail, email);
    } else if (object === 'company') {
      for (const domain of lowerItems(attributes.domains)) drop(this.#byDomain, domain);
    } else {
      drop(this.#byDealName, dealName(attributes));
    }
    // Name maps are rebuilt from scratch on next use rather than patched (rare path).
    this.#byCompanyName = undefined;
    this.#byPersonName = undefined;
    this.#byEmaillessPersonName = undefined;
  }

  #buildNames(
    object: 'company' | 'person',
    include: (record: ExistingRecord) => boolean = () => true,
  ): Map<string, string> {
    const map = new Map<string, string>();
    const keyOf = object === 'company' ? companyKeyOf : personKeyOf;
    for (const record of this.#records[object].values()) {
      if (include(record)) addName(map, keyOf(record), record.id);
    }
    return map;
  }
}

function withoutEmail(record: ExistingRecord): boolean {
  return lowerItems(record.attributes.email_addresses).length === 0;
}

function unique(id: string | undefined): string | undefined {
  return id === AMBIGUOUS ? undefined : id;
}

function addName(map: Map<string, string>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const current = map.get(key);
  map.set(key, current === undefined || current === id ? id : AMBIGUOUS);
}

function personKey(fullName: string, companyId: string): string {
  return `${nameKey(fullName)}\u0000${companyId}`;
}

function personKeyOf(record: ExistingRecord): string | undefined {
  const name = personName(record.attributes);
  return name === '' ? undefined : personKey(name, textOf(record.attributes.company_id));
}

function companyKeyOf(record: ExistingRecord): string | undefined {
  const name = companyName(record.attributes);
  return name === '' ? undefined : nameKey(name);
}
