/** The normalizers the adapters use, in one place (from src/normalize). */
export {
  isFreeMailDomain,
  looksExcelMangled,
  normalizeDomain,
  normalizeEmail,
  normalizeSalesforceId,
  splitEmails,
  splitFullName,
} from '../../normalize/index.js';
