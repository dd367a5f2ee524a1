import { describe, expect, it } from 'vitest';
import { IssueGroups, OTHER_GROUP_CODE } from '../../src/report/issue-groups.js';
import { messagePattern } from '../../src/report/message-pattern.js';

describe('messagePattern', () => {
  it('blanks what varies per row and keeps what says what went wrong', () => {
    expect(messagePattern('Email "ann@x" is invalid')).toBe(messagePattern('Email "bob@y.org" is invalid'));
    expect(messagePattern('Clarify rejected the record (400): bad')).toBe(
      'Clarify rejected the record (400): bad',
    );
    expect(messagePattern('Amount 12,500.00 for id 123456789')).toBe('Amount # for id #');
    expect(messagePattern('Contact ann@acme.com has no company')).toBe('Contact … has no company');
    expect(messagePattern('Email "x" is invalid')).not.toBe(messagePattern('Phone "x" is invalid'));
  });
});

describe('IssueGroups', () => {
  const example = (line: number) => () => ({
    object: 'person' as const,
    file: 'f.csv',
    line,
    sourceId: String(line),
    message: 'm',
    values: [],
  });

  it('counts every row but keeps at most 5 examples per group', () => {
    const groups = new IssueGroups();
    for (let i = 0; i < 12; i++) groups.add('A', 'p', 'person', example(i));
    groups.add('B', 'p', 'deal', example(99));
    const [a, b] = groups.list();
    expect(a).toMatchObject({ code: 'A', count: 12, byObject: { person: 12 } });
    expect(a!.examples.map((e) => e.line)).toEqual([0, 1, 2, 3, 4]);
    expect(b).toMatchObject({ code: 'B', count: 1 });
    expect(groups.total()).toBe(13);
  });

  it('folds groups beyond the limit into one "other" group, still counting every row', () => {
    const groups = new IssueGroups(3, 2);
    for (let i = 0; i < 10; i++) groups.add(`C${i}`, 'p', 'company', example(i));
    const list = groups.list();
    expect(list).toHaveLength(4);
    expect(list.at(-1)).toMatchObject({ code: OTHER_GROUP_CODE, count: 7 });
    expect(list.at(-1)!.examples).toHaveLength(2);
    expect(groups.total()).toBe(10);
  });
});
