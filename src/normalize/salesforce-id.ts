const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character suffix Salesforce appends to a 15-character id: for each block of 5 characters, a
 * 5-bit number whose bit i is set when character i is an upper-case letter, written in SUFFIX_ALPHABET.
 */
function checksum(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(block * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * A Salesforce id → its 18-character, case-insensitive form, so that a report export's 15-character ids
 * join with the 18-character ids of the Data Export Service. An 18-character id comes back as is (if a
 * tool changed its letter case, the suffix is used to restore it); anything else is returned unchanged.
 */
export function normalizeSalesforceId(id: string): string {
  const trimmed = id.trim();
  if (/^[a-zA-Z0-9]{15}$/.test(trimmed)) return trimmed + checksum(trimmed);
  if (!/^[a-zA-Z0-9]{18}$/.test(trimmed)) return id;

  const suffix = trimmed.slice(15).toUpperCase();
  const blocks = [...suffix].map((char) => SUFFIX_ALPHABET.indexOf(char));
  if (blocks.some((bits) => bits < 0)) return trimmed;
  let restored = '';
  for (let index = 0; index < 15; index++) {
    const char = trimmed.charAt(index);
    const upper = ((blocks[Math.floor(index / 5)] ?? 0) >> (index % 5)) & 1;
    restored += upper ? char.toUpperCase() : char.toLowerCase();
  }
  // A suffix that claims upper case for a digit is not a Salesforce checksum: leave the id alone.
  return checksum(restored) === suffix ? restored + suffix : trimmed;
}
