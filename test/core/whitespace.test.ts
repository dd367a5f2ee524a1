import { describe, expect, test } from 'vitest';
import { collapseWhitespace } from '../../src/core/whitespace.js';
import { personName } from '../../src/plan/attributes.js';

describe('collapseWhitespace', () => {
  test('is replace(/\\s+/g, " "), also for long text whose whitespace runs cross the 64 KB slices', () => {
    expect(collapseWhitespace(' Ann \t\r\n  Lee ')).toBe(' Ann Lee ');
    const slice = 64 * 1024;
    // Runs of whitespace ending, starting and straddling every slice boundary, and a slice of only whitespace.
    const long = [
      'a'.repeat(slice - 1),
      ' \n',
      'b'.repeat(slice - 2),
      '\r\n',
      '\t'.repeat(slice + 10),
      'c',
      ' '.repeat(3),
      'é🗼'.repeat(slice),
      '\n',
    ].join('');
    expect(collapseWhitespace(long)).toBe(long.replace(/\s+/g, ' '));
  });

  test('a 30 MB multi-line name cell is tidied in bounded memory (one regex replace took over 1 GB)', () => {
    const cell = 'y\n'.repeat(15_000_000);
    const before = process.resourceUsage().maxRSS;
    const name = personName({ first_name: 'Ann', last_name: cell });
    const grown = (process.resourceUsage().maxRSS - before) / 1024;
    expect(name.length).toBe('Ann '.length + cell.length - 1);
    expect(name.startsWith('Ann y y y')).toBe(true);
    // maxRSS (KB) is the process's peak: it only grows if tidying the cell needed far more than the cell.
    expect(grown).toBeLessThan(400);
  });
});
