import { describe, expect, it } from 'vitest';
import { DealNames } from '../../src/plan/deal-names.js';

const ask = (names: DealNames, name: string, company: string, line: number, sourceId = `d${line}`) =>
  names.assign({ name, company, sourceId, line });

describe('DealNames', () => {
  it('keeps the first name and renames later ones with the pattern', () => {
    const names = new DealNames('{name} ({company})');
    expect(ask(names, 'Renewal', 'Acme', 2)).toEqual({ name: 'Renewal' });
    expect(ask(names, 'Renewal', 'Globex', 3)).toEqual({ name: 'Renewal (Globex)', takenByLine: 2 });
  });

  it('appends #2, #3 while the renamed name is still taken', () => {
    const names = new DealNames('{name} ({company})');
    ask(names, 'Renewal', 'Acme', 2);
    expect(ask(names, 'Renewal', 'Acme', 3).name).toBe('Renewal (Acme)');
    expect(ask(names, 'Renewal', 'Acme', 4).name).toBe('Renewal (Acme) #2');
    expect(ask(names, 'Renewal', 'Acme', 5).name).toBe('Renewal (Acme) #3');
  });

  it('renames a deal whose own name was taken by an earlier rename', () => {
    const names = new DealNames('{name} ({company})');
    ask(names, 'Renewal', 'Acme', 2);
    ask(names, 'Renewal', 'Acme', 3); // → Renewal (Acme)
    expect(ask(names, 'Renewal (Acme)', 'Acme', 4)).toEqual({
      name: 'Renewal (Acme) (Acme)',
      takenByLine: 3,
    });
  });

  it('supports {id} and {n}', () => {
    const names = new DealNames('{name} [{id}] {n}');
    ask(names, 'X', 'A', 2);
    expect(ask(names, 'X', 'A', 3, 'S-9').name).toBe('X [S-9] 2');
    expect(ask(names, 'X', 'A', 4, 'S-10').name).toBe('X [S-10] 3');
  });

  it('does not treat $ patterns in values specially', () => {
    const names = new DealNames('{name} ({company})');
    ask(names, 'X', 'A', 2);
    expect(ask(names, 'X', "$& $' $1", 3).name).toBe("X ($& $' $1)");
  });

  it('is deterministic: the same sequence gives the same names', () => {
    const run = () => {
      const names = new DealNames('{name} ({company})');
      return ['A', 'A', 'A', 'B', 'A (c)', 'A'].map((name, i) => ask(names, name, 'c', i + 2).name);
    };
    expect(run()).toEqual(run());
    expect(run()).toEqual(['A', 'A (c)', 'A (c) #2', 'B', 'A (c) (c)', 'A (c) #3']);
  });
});
