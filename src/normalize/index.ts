/** Pure normalization of raw export values into the formats Clarify accepts. No I/O. */
export { parseAmount } from './amount.js';
export { parseBoolean } from './boolean.js';
export { excelSerialToDate, parseDate } from './date.js';
export { normalizeDomain } from './domain.js';
export { normalizeEmail, splitEmails } from './email.js';
export { looksExcelMangled } from './excel.js';
export { looksLikeFormula } from './formula.js';
export { isFreeMailDomain } from './free-mail.js';
export { splitFullName } from './name.js';
export { normalizePhone } from './phone.js';
export { type NormalizeContext, normalizeRecord } from './record.js';
export type { Normalized } from './result.js';
export { normalizeSalesforceId } from './salesforce-id.js';
export { mapSelectValue } from './select.js';
