import type { ObjectType } from '../../core/objects.js';
import type { BuiltinColumns } from '../shared/columns.js';
import { HeaderIndex, headerKey } from '../shared/headers.js';

/**
 * HubSpot export headers. Exports use property labels in the exporting user's language (or internal
 * names when "internal values" was chosen); association columns stay English. Keys are compared with
 * `headerKey` (NFC, whitespace, case).
 */
export const RECORD_ID = [
  'Record ID',
  'hs_object_id',
  'ID de registro',
  'Datensatz-ID',
  "ID de l'enregistrement",
  'ID record',
  'Record-ID',
];
export const COMPANY_IDS = ['Associated Company IDs', 'Associated Company IDs (All)'];
export const COMPANY_IDS_PRIMARY = [
  'Associated Company IDs (Primary)',
  'Primary Associated Company ID',
  'associatedcompanyid',
];
export const DEAL_IDS = ['Associated Deal IDs', 'associateddealid'];
export const CONTACT_IDS = ['Associated Contact IDs', 'associatedcontactid'];
/** Association columns holding names or counts: the ids columns say the same, reliably. */
const ASSOCIATION_LABELS = [
  'Associated Company',
  'Associated Company (Primary)',
  'Associated Company Names (Primary)',
  'Associated Company Names',
  'Associated Contact',
  'Associated Contacts',
  'Associated Deal',
  'Associated Deals',
];

const SEMI = /;/;

/** The row's country (label and internal name), the default region of its phone numbers. */
export const REGION_COLUMNS: Record<ObjectType, string[]> = {
  company: ['Country/Region', 'country'],
  person: ['Country/Region', 'country'],
  deal: [],
};

export const COMPANY_COLUMNS: BuiltinColumns = {
  'Company name': 'name',
  Name: 'name',
  'Nombre de la empresa': 'name',
  Firmenname: 'name',
  "Nom de l'entreprise": 'name',
  'Company Domain Name': 'domains',
  domain: 'domains',
  'Nombre de dominio de la empresa': 'domains',
  'Domainname des Unternehmens': 'domains',
  "Nom de domaine de l'entreprise": 'domains',
  'Additional Domains': { attr: 'domains', split: SEMI },
  hs_additional_domains: { attr: 'domains', split: SEMI },
  'Dominios adicionales': { attr: 'domains', split: SEMI },
  'Website URL': { attr: 'domains', fallback: true },
  website: { attr: 'domains', fallback: true },
  'Sitio web': { attr: 'domains', fallback: true },
  'URL del sitio web': { attr: 'domains', fallback: true },
  'Site web': { attr: 'domains', fallback: true },
  Industry: 'industry',
  Sector: 'industry',
  Branche: 'industry',
  "Secteur d'activité": 'industry',
  'Number of Employees': 'employee_count',
  numberofemployees: 'employee_count',
  'Número de empleados': 'employee_count',
  'Anzahl der Mitarbeiter': 'employee_count',
  "Nombre d'employés": 'employee_count',
  'Annual Revenue': 'annual_revenue',
  annualrevenue: 'annual_revenue',
  'Ingresos anuales': 'annual_revenue',
  Jahresumsatz: 'annual_revenue',
  "Chiffre d'affaires annuel": 'annual_revenue',
  Description: 'description',
  Descripción: 'description',
  Beschreibung: 'description',
};

export const PERSON_COLUMNS: BuiltinColumns = {
  'First Name': 'first_name',
  firstname: 'first_name',
  Nombre: 'first_name',
  Vorname: 'first_name',
  Prénom: 'first_name',
  'Last Name': 'last_name',
  lastname: 'last_name',
  Apellidos: 'last_name',
  Nachname: 'last_name',
  Nom: 'last_name',
  Email: 'email_addresses',
  'E-mail': 'email_addresses',
  Correo: 'email_addresses',
  'Correo electrónico': 'email_addresses',
  'E-Mail-Adresse': 'email_addresses',
  'Adresse e-mail': 'email_addresses',
  'Work email': 'email_addresses',
  hs_work_email: 'email_addresses',
  'Additional email addresses': { attr: 'email_addresses', split: SEMI },
  hs_additional_emails: { attr: 'email_addresses', split: SEMI },
  'Phone Number': 'phone_numbers',
  phone: 'phone_numbers',
  'Número de teléfono': 'phone_numbers',
  Telefonnummer: 'phone_numbers',
  'Numéro de téléphone': 'phone_numbers',
  'Mobile Phone Number': 'phone_numbers',
  mobilephone: 'phone_numbers',
  'Número de teléfono móvil': 'phone_numbers',
  Mobiltelefonnummer: 'phone_numbers',
  'Numéro de téléphone portable': 'phone_numbers',
  'Job Title': 'job_title',
  jobtitle: 'job_title',
  Cargo: 'job_title',
  Berufsbezeichnung: 'job_title',
  'Intitulé du poste': 'job_title',
  'Lifecycle Stage': 'status',
  lifecyclestage: 'status',
  'Etapa del ciclo de vida': 'status',
  Lebenszyklusphase: 'status',
  'Phase du cycle de vie': 'status',
};

export const DEAL_COLUMNS: BuiltinColumns = {
  'Deal Name': 'name',
  dealname: 'name',
  'Nombre del negocio': 'name',
  'Deal-Name': 'name',
  'Nom de la transaction': 'name',
  Amount: 'amount',
  Importe: 'amount',
  Betrag: 'amount',
  Montant: 'amount',
  'Deal Stage': 'stage',
  dealstage: 'stage',
  'Etapa del negocio': 'stage',
  'Deal-Phase': 'stage',
  'Phase de la transaction': 'stage',
  'Close Date': 'close_date',
  closedate: 'close_date',
  'Fecha de cierre': 'close_date',
  Abschlussdatum: 'close_date',
  'Date de fermeture': 'close_date',
  'Deal Description': 'description',
  description: 'description',
};

export const BUILTIN: Record<ObjectType, BuiltinColumns> = {
  company: COMPANY_COLUMNS,
  person: PERSON_COLUMNS,
  deal: DEAL_COLUMNS,
};

/** Columns the adapter reads itself (never reported as "not imported"). */
export const STRUCTURAL: ReadonlySet<string> = new Set(
  [
    ...RECORD_ID,
    ...COMPANY_IDS,
    ...COMPANY_IDS_PRIMARY,
    ...DEAL_IDS,
    ...CONTACT_IDS,
    ...ASSOCIATION_LABELS,
  ].map(headerKey),
);

const keys = (list: string[]) => list.map(headerKey);
const DEAL_MARKERS = keys([
  'Deal Name',
  'dealname',
  'Nombre del negocio',
  'Deal Stage',
  'dealstage',
  'Etapa del negocio',
  'Deal-Phase',
  'Nom de la transaction',
  'Pipeline',
]);
const PERSON_MARKERS = keys([
  'First Name',
  'firstname',
  'Last Name',
  'lastname',
  'Email',
  'Nombre',
  'Apellidos',
  'Correo',
  'Vorname',
  'Nachname',
  'E-Mail',
  'Prénom',
  'Nom',
  'E-mail',
]);
const COMPANY_MARKERS = keys([
  'Company name',
  'Name',
  'Company Domain Name',
  'domain',
  'Nombre de la empresa',
  'Nombre de dominio de la empresa',
  'Firmenname',
  "Nom de l'entreprise",
]);
/** Headers no other vendor writes: they make a file without a Record ID column still HubSpot's. */
const HUBSPOT_ONLY = keys([
  ...COMPANY_IDS,
  ...COMPANY_IDS_PRIMARY,
  ...DEAL_IDS,
  ...CONTACT_IDS,
  'Lifecycle Stage',
  'lifecyclestage',
  'Company Domain Name',
  'Deal Stage',
  'dealstage',
  'dealname',
  'hs_object_id',
  'Contact owner',
  'Company owner',
  'Deal owner',
]);

export interface HubspotFileKind {
  object: ObjectType;
  /** Detection confidence for this file. */
  score: number;
}

/** What a HubSpot file holds, judged by its headers; undefined when it is not a HubSpot export. */
export function classifyHubspotFile(headers: string[]): HubspotFileKind | undefined {
  const index = new HeaderIndex(headers);
  const hasId = index.has(...keys(RECORD_ID));
  const specific = HUBSPOT_ONLY.filter((key) => index.has(key)).length;
  if (!hasId && specific === 0) return undefined;
  const score = (hasId ? 10 : 0) + specific;
  if (DEAL_MARKERS.some((key) => index.has(key))) return { object: 'deal', score };
  if (PERSON_MARKERS.some((key) => index.has(key))) return { object: 'person', score };
  if (COMPANY_MARKERS.some((key) => index.has(key))) return { object: 'company', score };
  return undefined;
}
