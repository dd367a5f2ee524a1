/**
 * The shape of a generated HubSpot export, decided before any row is written: which company each contact
 * belongs to, which contacts each deal names, and which rows carry a planted problem. Everything lives in
 * typed arrays (about 30 bytes per contact), so a million-contact export is planned in a few dozen MB; the
 * text of each row is derived later from its index (see hubspot-rows.ts) and never kept.
 */
import { Rng } from './random.js';

export interface HubSpotSampleOptions {
  companies: number;
  contacts: number;
  deals: number;
  seed: number;
  /** Plant the usual export problems in about 2% of rows (at least one of each kind when the file is big enough). */
  problems: boolean;
}

export const CompanyPlant = { none: 0, urlDomain: 1, freeMailDomain: 2 } as const;
export const ContactPlant = {
  none: 0,
  invalidEmail: 1,
  wrongCaseStage: 2,
  missingCompany: 3,
  duplicateEmail: 4,
  noEmail: 5,
} as const;
export const DealPlant = {
  none: 0,
  wrongCaseStage: 1,
  duplicateNameFirst: 2,
  duplicateNameSecond: 3,
  missingContact: 4,
} as const;

/** Share of rows that carry a planted problem. */
export const PROBLEM_RATE = 0.02;

/** A CSR list: the items of owner `i` are `items[start[i] .. start[i + 1])`. */
export interface Lists {
  start: Int32Array;
  items: Int32Array;
}

export interface HubSpotModel {
  options: HubSpotSampleOptions;
  companyPlant: Uint8Array;
  contactPlant: Uint8Array;
  dealPlant: Uint8Array;
  /** Primary company of each contact; -1 = none (or a planted id that is not in the companies file). */
  contactCompany: Int32Array;
  /** For planted duplicate-email rows: the earlier contact they repeat; -1 otherwise. */
  contactDuplicateOf: Int32Array;
  /** Which contacts are repeated by a later duplicate row (1 = yes). */
  contactRepeated: Uint8Array;
  dealCompany: Int32Array;
  /** How many deals of the same company come before this one (makes deal names unique). */
  dealRank: Int32Array;
  /** Ordinal of a planted duplicate-name pair (both deals of the pair share it); -1 otherwise. */
  dealPair: Int32Array;
  contactsOfCompany: Lists;
  dealsOfCompany: Lists;
  contactsOfDeal: Lists;
  dealsOfContact: Lists;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 50_000_000) {
    throw new Error(`${name} must be a whole number from 0 to 50,000,000 (got ${value}).`);
  }
}

export function validateOptions(options: HubSpotSampleOptions): void {
  checkCount('companies', options.companies);
  checkCount('contacts', options.contacts);
  checkCount('deals', options.deals);
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be a whole number (got ${options.seed}).`);
}

/** Groups `owner[i]` (−1 = none) into per-owner lists of `i`, in increasing `i`. */
function group(owner: Int32Array, owners: number): Lists {
  const start = new Int32Array(owners + 1);
  for (const o of owner) if (o >= 0) start[o + 1]!++;
  for (let o = 0; o < owners; o++) start[o + 1]! += start[o]!;
  const fill = start.slice(0, owners);
  const items = new Int32Array(start[owners]!);
  for (let i = 0; i < owner.length; i++) {
    const o = owner[i]!;
    if (o >= 0) items[fill[o]!++] = i;
  }
  return { start, items };
}

/** Spread positions, one per planted kind, so that even a small file has one of each. */
function forcedPositions(n: number, kinds: number): number[] {
  if (n < kinds) return [];
  return Array.from({ length: kinds }, (_, k) => Math.floor(((k + 0.5) * n) / kinds));
}

function plantCompanies(rng: Rng, n: number, problems: boolean): Uint8Array {
  const plant = new Uint8Array(n);
  if (!problems) return plant;
  const kinds = [CompanyPlant.urlDomain, CompanyPlant.freeMailDomain];
  forcedPositions(n, kinds.length).forEach((pos, k) => {
    plant[pos] = kinds[k]!;
  });
  for (let i = 0; i < n; i++) {
    if (plant[i] === CompanyPlant.none && rng.chance(PROBLEM_RATE)) plant[i] = rng.pick(kinds);
  }
  return plant;
}

function plantContacts(rng: Rng, n: number, problems: boolean): Uint8Array {
  const plant = new Uint8Array(n);
  if (!problems) return plant;
  // Duplicate last: its forced position is never row 0, so an earlier row exists to repeat.
  const kinds = [
    ContactPlant.invalidEmail,
    ContactPlant.wrongCaseStage,
    ContactPlant.missingCompany,
    ContactPlant.noEmail,
    ContactPlant.duplicateEmail,
  ];
  forcedPositions(n, kinds.length).forEach((pos, k) => {
    plant[pos] = kinds[k]!;
  });
  for (let i = 0; i < n; i++) {
    if (plant[i] === ContactPlant.none && rng.chance(PROBLEM_RATE)) plant[i] = rng.pick(kinds);
  }
  return plant;
}

function plantDeals(rng: Rng, n: number, problems: boolean, companies: number): Uint8Array {
  const plant = new Uint8Array(n);
  if (!problems) return plant;
  const pairs = companies >= 2;
  const kinds = [DealPlant.wrongCaseStage, DealPlant.missingContact, DealPlant.duplicateNameFirst];
  const setPair = (i: number) => {
    plant[i] = DealPlant.duplicateNameFirst;
    plant[i + 1] = DealPlant.duplicateNameSecond;
  };
  forcedPositions(n, kinds.length).forEach((pos, k) => {
    const kind = kinds[k]!;
    if (kind !== DealPlant.duplicateNameFirst) plant[pos] = kind;
    else if (pairs && pos + 1 < n && plant[pos] === 0 && plant[pos + 1] === 0) setPair(pos);
  });
  for (let i = 0; i < n; i++) {
    if (plant[i] !== DealPlant.none || !rng.chance(PROBLEM_RATE)) continue;
    const kind = rng.pick(kinds);
    if (kind !== DealPlant.duplicateNameFirst) plant[i] = kind;
    else if (pairs && i + 1 < n && plant[i + 1] === 0) setPair(i);
  }
  return plant;
}

/** A company for a contact or deal: a few large companies get a bigger share, as in real portals. */
function someCompany(rng: Rng, companies: number): number {
  if (rng.chance(0.3)) return rng.int(Math.max(1, Math.ceil(companies / 10)));
  return rng.int(companies);
}

export function buildModel(options: HubSpotSampleOptions): HubSpotModel {
  validateOptions(options);
  const { companies, contacts, deals, problems } = options;
  const rng = new Rng(options.seed ^ 0x5eed);
  const companyPlant = plantCompanies(rng, companies, problems);
  const contactPlant = plantContacts(rng, contacts, problems);
  const dealPlant = plantDeals(rng, deals, problems, companies);

  // Contacts → companies. About 6% of contacts have no company (personal e-mail, freelancers).
  const contactCompany = new Int32Array(contacts).fill(-1);
  const contactDuplicateOf = new Int32Array(contacts).fill(-1);
  const contactRepeated = new Uint8Array(contacts);
  for (let i = 0; i < contacts; i++) {
    const plant = contactPlant[i]!;
    if (plant === ContactPlant.duplicateEmail) {
      // Repeat a recent clean row that has an e-mail address; none → the row stays a plain contact.
      let source = -1;
      for (let back = 1 + rng.int(20); back <= 200 && i - back >= 0; back++) {
        const k = i - back;
        if (contactPlant[k] === ContactPlant.none && contactRepeated[k] === 0) {
          source = k;
          break;
        }
      }
      if (source < 0) {
        contactPlant[i] = ContactPlant.none;
      } else {
        contactDuplicateOf[i] = source;
        contactRepeated[source] = 1;
        contactCompany[i] = contactCompany[source]!;
        continue;
      }
    }
    if (plant === ContactPlant.missingCompany || companies === 0) continue;
    if (rng.chance(0.06)) continue;
    contactCompany[i] = someCompany(rng, companies);
  }
  const contactsOfCompany = group(contactCompany, companies);

  // Deals → companies; the second deal of a duplicate-name pair is always at another company.
  const dealCompany = new Int32Array(deals).fill(-1);
  const dealRank = new Int32Array(deals);
  const dealPair = new Int32Array(deals).fill(-1);
  const dealsSoFar = new Int32Array(companies);
  let pairs = 0;
  for (let d = 0; d < deals && companies > 0; d++) {
    let company = someCompany(rng, companies);
    if (dealPlant[d] === DealPlant.duplicateNameSecond) {
      while (company === dealCompany[d - 1]) company = rng.int(companies);
      dealPair[d] = dealPair[d - 1]!;
    } else if (dealPlant[d] === DealPlant.duplicateNameFirst) {
      dealPair[d] = pairs++;
    }
    dealCompany[d] = company;
    dealRank[d] = dealsSoFar[company]!++;
  }
  const dealsOfCompany = group(dealCompany, companies);

  // Deals → 1–3 contacts of their company (fewer when the company has fewer).
  const picked: number[] = [];
  let total = 0;
  const contactStart = new Int32Array(deals + 1);
  const flat: number[] = [];
  for (let d = 0; d < deals; d++) {
    picked.length = 0;
    const company = dealCompany[d]!;
    if (company >= 0) {
      const from = contactsOfCompany.start[company]!;
      const size = contactsOfCompany.start[company + 1]! - from;
      const want = Math.min(size, rng.chance(0.55) ? 1 : rng.chance(0.6) ? 2 : 3);
      while (picked.length < want) {
        const contact = contactsOfCompany.items[from + rng.int(size)]!;
        if (!picked.includes(contact)) picked.push(contact);
      }
    }
    for (const contact of picked) flat.push(contact);
    total += picked.length;
    contactStart[d + 1] = total;
  }
  const contactsOfDeal: Lists = { start: contactStart, items: Int32Array.from(flat) };
  flat.length = 0;

  // Inverse: each contact's deals, in deal order.
  const dealsOfContact = invert(contactsOfDeal, contacts);

  return {
    options,
    companyPlant,
    contactPlant,
    dealPlant,
    contactCompany,
    contactDuplicateOf,
    contactRepeated,
    dealCompany,
    dealRank,
    dealPair,
    contactsOfCompany,
    dealsOfCompany,
    contactsOfDeal,
    dealsOfContact,
  };
}

function invert(lists: Lists, owners: number): Lists {
  const start = new Int32Array(owners + 1);
  for (const item of lists.items) start[item + 1]!++;
  for (let o = 0; o < owners; o++) start[o + 1]! += start[o]!;
  const fill = start.slice(0, owners);
  const items = new Int32Array(lists.items.length);
  const holders = lists.start.length - 1;
  for (let h = 0; h < holders; h++) {
    for (let j = lists.start[h]!; j < lists.start[h + 1]!; j++) items[fill[lists.items[j]!]!++] = h;
  }
  return { start, items };
}
