/**
 * The text of generated HubSpot rows. Each row is a pure function of (seed, model, index): the row's own
 * PRNG is re-seeded from a hash of its index, so any row (e.g. the one a duplicate repeats, or the records
 * of the demo workspace) can be rebuilt without generating the rows before it.
 */
import { CompanyPlant, ContactPlant, DealPlant, type HubSpotModel, type Lists } from './hubspot-model.js';
import { hash32, Rng } from './random.js';
import {
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  DEAL_STAGES,
  FIRST_NAMES,
  FREE_MAIL,
  GENERIC_DEAL_NAMES,
  INDUSTRIES,
  INVALID_EMAIL_SHAPES,
  JOB_TITLES,
  LAST_NAMES,
  LIFECYCLE,
  OWNERS,
  PRODUCTS,
  TLDS,
  WRONG_CASE_DEAL_STAGES,
  WRONG_CASE_LIFECYCLE,
} from './words.js';

/** Headers as the English HubSpot UI exports them (same spelling as test/fixtures/hubspot). */
export const COMPANY_HEADERS = [
  'Record ID',
  'Company name',
  'Company Domain Name',
  'Additional Domains',
  'Website URL',
  'Industry',
  'Number of Employees',
  'Annual Revenue',
  'Company owner',
  'Create Date',
  'Associated Contact IDs',
  'Associated Deal IDs',
] as const;

export const CONTACT_HEADERS = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'Job Title',
  'Lifecycle Stage',
  'Contact owner',
  'Create Date',
  'Associated Company IDs',
  'Associated Company IDs (Primary)',
  'Associated Deal IDs',
] as const;

export const DEAL_HEADERS = [
  'Record ID',
  'Deal Name',
  'Pipeline',
  'Deal Stage',
  'Amount',
  'Close Date',
  'Deal owner',
  'Create Date',
  'Associated Company IDs (Primary)',
  'Associated Company IDs',
  'Associated Contact IDs',
] as const;

/** Columns whose generated values never need quoting. */
const PLAIN = new Set([
  'Record ID',
  'Number of Employees',
  'Annual Revenue',
  'Create Date',
  'Close Date',
  'Amount',
  'Phone Number',
  'Mobile Phone Number',
  'Associated Contact IDs',
  'Associated Deal IDs',
  'Associated Company IDs',
  'Associated Company IDs (Primary)',
]);
export const plainColumns = (headers: readonly string[]): boolean[] => headers.map((h) => PLAIN.has(h));

// Record IDs: a fixed prefix and 8 digits, increasing with random gaps, like HubSpot's (10–11 digits). Prefixes
// just below each range (60…, 204…) are never used by records: the planted dangling references point there.
const ID_STRIDE = 16;
const ID_DIGITS = 100_000_000;
const ZEROS = '00000000';

const SALT = {
  companyId: 1,
  contactId: 2,
  dealId: 3,
  company: 11,
  contact: 12,
  deal: 13,
  names: 21,
} as const;

/** Zero-padded to 8 digits (integers only: small-integer to-string is much faster than a double's). */
function digits8(n: number): string {
  const text = String(n);
  return text.length >= 8 ? text : ZEROS.slice(text.length) + text;
}

function recordId(prefix: number, seed: number, salt: number, i: number): string {
  const offset = i * ID_STRIDE + (hash32(seed, salt, i) % ID_STRIDE);
  if (offset < ID_DIGITS) return `${prefix}${digits8(offset)}`;
  return String(prefix * ID_DIGITS + offset);
}

export const companyId = (seed: number, i: number) => recordId(61, seed, SALT.companyId, i);
export const contactId = (seed: number, i: number) => recordId(205, seed, SALT.contactId, i);
export const dealId = (seed: number, i: number) => recordId(93, seed, SALT.dealId, i);
/** An id below every real company id: not in the companies file. */
const danglingCompanyId = (seed: number, i: number) => `60${digits8(hash32(seed, 31, i) % ID_DIGITS)}`;
const danglingContactId = (seed: number, i: number) => `204${digits8(hash32(seed, 32, i) % ID_DIGITS)}`;

// Time: dates are generated as minutes from 2021-01-01 00:00 (written without zone, like HubSpot).
const START_MS = Date.UTC(2021, 0, 1);
const CREATE_SPAN_MINUTES = 5.75 * 365 * 24 * 60;
const DAY_MINUTES = 24 * 60;
/** Close dates fall at most this many days after the create date. */
const MAX_CLOSE_DAYS = 200;
/** `YYYY-MM-DD` of every day a date can fall on, and `HH:MM` of every minute of a day (built once). */
const DAYS: string[] = Array.from(
  { length: Math.ceil(CREATE_SPAN_MINUTES / DAY_MINUTES) + MAX_CLOSE_DAYS + 1 },
  (_, d) => new Date(START_MS + d * DAY_MINUTES * 60_000).toISOString().slice(0, 10),
);
const CLOCK: string[] = Array.from(
  { length: DAY_MINUTES },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

function dateTime(minutes: number): string {
  return `${DAYS[Math.floor(minutes / DAY_MINUTES)]} ${CLOCK[minutes % DAY_MINUTES]}`;
}

function dateOnly(minutes: number): string {
  return DAYS[Math.floor(minutes / DAY_MINUTES)]!;
}

function joinIds(lists: Lists, owner: number, toId: (i: number) => string): string {
  let out = '';
  for (let j = lists.start[owner]!; j < lists.start[owner + 1]!; j++) {
    if (out !== '') out += ';';
    out += toId(lists.items[j]!);
  }
  return out;
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function phone(rng: Rng): string {
  const area = rng.pick([212, 312, 415, 512, 617, 646, 720, 206]);
  const line = pad(100 + rng.int(100), 4);
  switch (rng.int(6)) {
    case 0:
    case 1:
      return `+1 ${area} 555 ${line}`;
    case 2:
      return `(${area}) 555-${line}`;
    case 3:
      return `${area}.555.${line}`;
    case 4:
      return `+44 20 7946 ${pad(rng.int(1000), 4)}`;
    default:
      return `+49 30 ${pad(rng.int(10_000_000), 7)}`;
  }
}

/** Company names and domains: a bijection from index to (first part, second part, round), so all differ. */
const NAME_SPACE = COMPANY_FIRST.length * COMPANY_SECOND.length;
const NAME_STEP = 337; // coprime with NAME_SPACE: index → combination is a permutation

export interface CompanyProfile {
  index: number;
  id: string;
  name: string;
  /** The company's real domain (bare). */
  domain: string;
  /** The domain people's e-mail addresses use (a free-mail host for planted free-mail companies). */
  mailDomain: string;
  plant: number;
}

export class HubSpotRows {
  readonly seed: number;
  // Separate generators, so that building one profile inside another never disturbs the outer sequence.
  private readonly companyRng = new Rng(0);
  private readonly personRng = new Rng(0);
  private readonly rowRng = new Rng(0);
  private readonly nameOffset: number;
  private readonly mailDomains: Array<string | undefined>;
  private readonly personOffset: number;

  constructor(readonly model: HubSpotModel) {
    this.seed = model.options.seed;
    this.mailDomains = new Array<string | undefined>(model.options.companies).fill(undefined);
    this.nameOffset = hash32(this.seed, SALT.names, 0) % NAME_SPACE;
    this.personOffset = hash32(this.seed, SALT.names, 1) % (FIRST_NAMES.length * LAST_NAMES.length);
  }

  /** The e-mail domain of company `i`, cached: every contact row needs its company's. */
  private mailDomain(i: number): string {
    let domain = this.mailDomains[i];
    if (domain === undefined) {
      domain = this.company(i).mailDomain;
      this.mailDomains[i] = domain;
    }
    return domain;
  }

  company(i: number): CompanyProfile {
    const rng = this.companyRng.reset(hash32(this.seed, SALT.company, i));
    const combo = (i * NAME_STEP + this.nameOffset) % NAME_SPACE;
    const round = Math.floor(i / NAME_SPACE);
    const first = COMPANY_FIRST[combo % COMPANY_FIRST.length]!;
    const second = COMPANY_SECOND[Math.floor(combo / COMPANY_FIRST.length)]!;
    const numbered = round > 0 ? ` ${round + 1}` : '';
    const suffix = rng.pick(COMPANY_SUFFIX);
    const name = `${first} ${second}${numbered}${suffix}`;
    const joiner = rng.chance(0.25) ? '-' : '';
    const base = `${first}${joiner}${second}${round > 0 ? round + 1 : ''}`.toLowerCase();
    const domain = `${base}.${rng.pick(TLDS)}`;
    const plant = this.model.companyPlant[i]!;
    const mailDomain = plant === CompanyPlant.freeMailDomain ? rng.pick(FREE_MAIL) : domain;
    return { index: i, id: companyId(this.seed, i), name, domain, mailDomain, plant };
  }

  companyRow(i: number): { cells: string[]; websiteOnly: boolean } {
    const profile = this.company(i);
    const rng = this.rowRng.reset(hash32(this.seed, SALT.company + 100, i));
    let domainCell = profile.domain;
    let website = '';
    let additional = '';
    let websiteOnly = false;
    if (profile.plant === CompanyPlant.urlDomain) {
      domainCell = rng.pick([
        `https://www.${profile.domain}/`,
        `www.${profile.domain}`,
        `http://${profile.domain}/contact`,
      ]);
    } else if (profile.plant === CompanyPlant.freeMailDomain) {
      domainCell = profile.mailDomain;
    } else if (rng.chance(0.08)) {
      domainCell = '';
      website = `https://www.${profile.domain}/about`;
      websiteOnly = true;
    } else {
      const style = rng.int(3);
      website =
        style === 0 ? '' : style === 1 ? `https://www.${profile.domain}` : `https://${profile.domain}/`;
      if (rng.chance(0.05)) additional = `${profile.domain.split('.')[0]}.io`;
    }
    if (additional === domainCell) additional = '';
    const employees = rng.chance(0.1) ? '' : String(rng.pick([2, 5, 10, 20, 50, 100, 250]) + rng.int(400));
    const revenue = rng.chance(0.4) ? '' : String((rng.between(2, 4000) * 25_000).toFixed(0));
    const cells = [
      profile.id,
      profile.name,
      domainCell,
      additional,
      website,
      rng.chance(0.1) ? '' : rng.pick(INDUSTRIES),
      employees,
      revenue,
      rng.pick(OWNERS),
      dateTime(rng.int(CREATE_SPAN_MINUTES)),
      joinIds(this.model.contactsOfCompany, i, (c) => contactId(this.seed, c)),
      joinIds(this.model.dealsOfCompany, i, (d) => dealId(this.seed, d)),
    ];
    return { cells, websiteOnly };
  }

  /** Name and e-mail of contact `i` as written (a duplicate row repeats its source's). */
  person(i: number): { first: string; last: string; email: string; freeMail: boolean } {
    const source = this.model.contactDuplicateOf[i]!;
    if (source >= 0) return this.person(source);
    const people = FIRST_NAMES.length * LAST_NAMES.length;
    const combo = (i * 1013 + this.personOffset) % people;
    const round = Math.floor(i / people);
    const [first, firstMail] = FIRST_NAMES[combo % FIRST_NAMES.length]!;
    const [last, lastMail] = LAST_NAMES[Math.floor(combo / FIRST_NAMES.length)]!;
    const rng = this.personRng.reset(hash32(this.seed, SALT.contact, i));
    const sep = rng.pick(['.', '.', '.', '.', '_', '']);
    const local = `${firstMail}${sep}${lastMail}${round > 0 ? round + 1 : ''}`;
    const plant = this.model.contactPlant[i]!;
    const company = this.model.contactCompany[i]!;
    let email: string;
    let freeMail = false;
    if (plant === ContactPlant.noEmail) {
      email = '';
    } else if (plant === ContactPlant.missingCompany) {
      email = `${local}@${lastMail}-consulting.com`;
    } else if (company < 0 || rng.chance(0.04)) {
      freeMail = true;
      email = `${local}@${rng.pick(FREE_MAIL)}`;
    } else {
      const domain = this.mailDomain(company);
      if (plant === ContactPlant.invalidEmail) {
        email = rng
          .pick(INVALID_EMAIL_SHAPES)
          .replace('{first}', firstMail)
          .replace('{last}', lastMail)
          .replace('{domain}', domain)
          .replace('{bare}', domain.split('.')[0]!);
      } else {
        email = `${local}@${domain}`;
        if (rng.chance(0.03)) email = `${capital(firstMail)}.${capital(lastMail)}@${domain}`;
      }
    }
    if (plant === ContactPlant.invalidEmail && email === '') email = `${local}@`;
    if (plant === ContactPlant.invalidEmail && (company < 0 || freeMail)) email = `${local} at gmail.com`;
    return { first, last, email, freeMail };
  }

  contactRow(i: number): string[] {
    const person = this.person(i);
    const plant = this.model.contactPlant[i]!;
    const rng = this.rowRng.reset(hash32(this.seed, SALT.contact + 100, i));
    const company = this.model.contactCompany[i]!;
    let companies = '';
    let primary = '';
    if (plant === ContactPlant.missingCompany) {
      companies = danglingCompanyId(this.seed, i);
      primary = companies;
    } else if (company >= 0) {
      primary = companyId(this.seed, company);
      companies = primary;
      const total = this.model.options.companies;
      if (total > 1 && rng.chance(0.03)) {
        const other = (company + 1 + rng.int(total - 1)) % total;
        companies = `${primary};${companyId(this.seed, other)}`;
      }
    }
    const lifecycle =
      plant === ContactPlant.wrongCaseStage ? rng.pick(WRONG_CASE_LIFECYCLE) : rng.pick(LIFECYCLE);
    return [
      contactId(this.seed, i),
      person.first,
      person.last,
      person.email,
      rng.chance(0.6) ? phone(rng) : '',
      rng.chance(0.25) ? phone(rng) : '',
      rng.pick(JOB_TITLES),
      lifecycle,
      rng.pick(OWNERS),
      dateTime(rng.int(CREATE_SPAN_MINUTES)),
      companies,
      primary,
      joinIds(this.model.dealsOfContact, i, (d) => dealId(this.seed, d)),
    ];
  }

  dealName(d: number): string {
    const pair = this.model.dealPair[d]!;
    if (pair >= 0) {
      const generic = GENERIC_DEAL_NAMES[pair % GENERIC_DEAL_NAMES.length]!;
      const round = Math.floor(pair / GENERIC_DEAL_NAMES.length);
      return round > 0 ? `${generic} ${round + 1}` : generic;
    }
    const company = this.model.dealCompany[d]!;
    const rank = this.model.dealRank[d]!;
    const product = PRODUCTS[(rank + company) % PRODUCTS.length]!;
    const round = Math.floor(rank / PRODUCTS.length);
    const what = round > 0 ? `${product} ${round + 1}` : product;
    if (company < 0) return `${what} #${d + 1}`;
    return `${this.company(company).name.replace(/,? (Inc\.|LLC|Ltd|GmbH|& Co\.)$/, '')} – ${what}`;
  }

  dealRow(d: number): string[] {
    const name = this.dealName(d);
    const plant = this.model.dealPlant[d]!;
    const rng = this.rowRng.reset(hash32(this.seed, SALT.deal, d));
    const company = this.model.dealCompany[d]!;
    const primary = company >= 0 ? companyId(this.seed, company) : '';
    let contacts = joinIds(this.model.contactsOfDeal, d, (c) => contactId(this.seed, c));
    if (plant === DealPlant.missingContact) {
      const dangling = danglingContactId(this.seed, d);
      contacts = contacts === '' ? dangling : `${contacts};${dangling}`;
    }
    const stage =
      plant === DealPlant.wrongCaseStage ? rng.pick(WRONG_CASE_DEAL_STAGES) : rng.pick(DEAL_STAGES);
    const created = rng.int(CREATE_SPAN_MINUTES);
    const amount = rng.chance(0.06)
      ? ''
      : rng.chance(0.1)
        ? `${rng.between(1, 400) * 250}.50`
        : String(rng.between(2, 500) * 500);
    return [
      dealId(this.seed, d),
      name,
      'Sales Pipeline',
      stage,
      amount,
      dateOnly(created + rng.between(14, MAX_CLOSE_DAYS) * DAY_MINUTES),
      rng.pick(OWNERS),
      dateTime(created),
      primary,
      primary,
      contacts,
    ];
  }
}
