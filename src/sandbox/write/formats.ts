/**
 * Value formats Clarify enforces. Domains must already be bare lower-case hosts: the server does not
 * strip `https://` or `www.` for you, which is exactly what an importer has to get right.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PHONE = /^\+?[0-9 ().\-x]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.startsWith('.') && !value.includes('..');
}

export function isBareHost(value: string): boolean {
  return HOST.test(value) && !value.startsWith('www.');
}

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 3 && digits <= 20;
}

export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isDateTime(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Clarify stores numbers as DECIMAL(16,4): at most 12 integer digits. */
export function fitsDecimal16_4(value: number): boolean {
  return Math.abs(value) < 1e12;
}
