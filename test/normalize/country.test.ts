import { describe, expect, it } from 'vitest';
import { countryCode } from '../../src/normalize/country.js';

describe('countryCode', () => {
  it.each([
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['USA', 'US'],
    ['us', 'US'],
    [' US ', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['England', 'GB'],
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['France', 'FR'],
    ['Österreich', 'AT'],
    ['Schweiz', 'CH'],
    ['Côte d’Ivoire', 'CI'],
    ['Netherlands', 'NL'],
    ['Spain', 'ES'],
    ['España', 'ES'],
    ['South Korea', 'KR'],
  ])('%j → %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it.each(['', 'Narnia', 'XX', 'Europe', '123'])('%j names no country', (text) => {
    expect(countryCode(text)).toBeUndefined();
  });
});
