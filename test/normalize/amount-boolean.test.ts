import { describe, expect, it } from 'vitest';
import { parseAmount, parseBoolean } from '../../src/normalize/index.js';

describe('parseAmount', () => {
  it.each([
    ['', '.', null],
    ['   ', ',', null],
    ['1200.5', '.', 1200.5],
    ['1124741.15', '.', 1124741.15],
    ['$1,200.50', '.', 1200.5],
    ['1,200', '.', 1200],
    ['1,234,567.89', '.', 1234567.89],
    ['€ 1.200,50', ',', 1200.5],
    ['1.200,50', ',', 1200.5],
    ['1.200', ',', 1200],
    ['1 200,50', ',', 1200.5],
    ['1\u00a0200,50 €', ',', 1200.5],
    ["1'200.50", '.', 1200.5],
    ['(1,200)', '.', -1200],
    ['($1,200.00)', '.', -1200],
    ['-12.5', '.', -12.5],
    ['+12.5', '.', 12.5],
    ['- 12.5', '.', -12.5],
    ['12.5-', '.', -12.5],
    ['USD 100', '.', 100],
    ['100 EUR', '.', 100],
    ['100EUR', ',', 100],
    ['usd 1,000.25', '.', 1000.25],
    ['£99', '.', 99],
    ['0', '.', 0],
    ['-0', '.', 0],
    ['.5', '.', 0.5],
    ['007', '.', 7],
    ['1200.50', ',', 1200.5], // a lone "." followed by 2 digits cannot be grouping
    ['1200,5', '.', 1200.5], // a lone "," followed by 1 digit cannot be grouping
    ['9225.225', '.', 9225.225],
    ['999999999999.9999', '.', 999999999999.9999],
    ['1.50000', '.', 1.5],
  ])('%j with decimal %j → %j', (raw, decimal, expected) => {
    expect(parseAmount(raw, decimal as '.' | ',')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1.2k', '.', 'letters'],
    ['abc', '.', 'no digits'],
    ['12 kg', '.', 'letters'],
    ['1.23457E+10', '.', 'scientific notation'],
    ['1.2.3', '.', 'more than one decimal separator'],
    ['1,2,3', '.', 'misplaced'],
    ['12,34.5', '.', 'misplaced'],
    ['1.200,50', '.', 'thousands separator after'],
    ['1,200.50', ',', 'thousands separator after'],
    ['1000000000000', '.', 'too large'],
    ['-1000000000000', '.', 'too large'],
    ['1.23456', '.', 'decimal places'],
    ['50%', '.', 'letters'],
    ['$', '.', 'no digits'],
  ])('%j with decimal %j is rejected (%s)', (raw, decimal, why) => {
    const result = parseAmount(raw, decimal as '.' | ',');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('parseAmount: the decimal convention', () => {
  it.each([
    [
      '1.200,50',
      '.',
      'thousands separator after the decimal separator; if the export writes amounts like 1.200,50, set options.decimal: ","',
    ],
    [
      '3.000.000',
      '.',
      'more than one decimal separator "."; if the export writes amounts like 1.200,50, set options.decimal: ","',
    ],
    ['1.2.3', '.', 'set options.decimal: ","'],
    ['1,200.50', ',', 'if the export writes amounts like 1,200.50, set options.decimal: "."'],
    ['1,000,000', ',', 'set options.decimal: "."'],
    ['12,34.5', '.', 'misplaced; if the export writes amounts like 1.200,50, set options.decimal: ","'],
  ])('%j with decimal %j: the message names the option that reads it', (raw, decimal, hint) => {
    const result = parseAmount(raw, decimal as '.' | ',');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(hint);
  });

  it.each([
    ['2.000', '.', 2, 2000],
    ['1.200', '.', 1.2, 1200],
    ['€2.500', '.', 2.5, 2500],
    ['-1.500', '.', -1.5, -1500],
    ['1,500', ',', 1.5, 1500],
    ['12,500 €', ',', 12.5, 12500],
  ])(
    '%j with decimal %j is read as %j, with a warning naming %j and the option',
    (raw, decimal, read, other) => {
      const result = parseAmount(raw, decimal as '.' | ',');
      const option = decimal === '.' ? 'options.decimal: ","' : 'options.decimal: "."';
      expect(result).toEqual({
        ok: true,
        value: read,
        warning: `${JSON.stringify(raw)} was read as ${read}, with "${decimal}" as the decimal separator; if it means ${other}, set ${option} in the mapping (--mapping).`,
      });
    },
  );

  it.each([
    ['1,500', '.'], // comma grouping is the dot convention's normal reading
    ['1.500', ','],
    ['12,345,678', '.'],
    ['1,500.000', '.'], // both separators: nothing depends on the convention
    ['9225.225', '.'], // four digits before the point cannot be a thousands group
    ['0.125', '.'],
    ['1200.50', '.'],
    ['12.5', '.'],
    ['1,50', ','],
  ])('%j with decimal %j is not warned about', (raw, decimal) => {
    const result = parseAmount(raw, decimal as '.' | ',');
    expect(result.ok && result.warning).toBe(undefined);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['1', true],
    ['0', false],
    ['true', true],
    ['FALSE', false],
    ['True', true],
    ['yes', true],
    ['No', false],
    ['y', true],
    ['N', false],
    ['on', true],
    ['off', false],
    ['x', true],
    ['X', true],
    [' 1 ', true],
  ])('%j → %j', (raw, expected) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['maybe', '2', '-1', 'yess', 'null'])('%j is rejected', (raw) => {
    const result = parseBoolean(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('yes/no');
  });
});
