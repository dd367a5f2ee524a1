import { describe, expect, it } from 'vitest';
import { codes, company, items, planner, workspace } from './helpers.js';

describe('Planner — companies', () => {
  it('creates an unknown company with all its attributes and its domains as match keys', () => {
    const plan = planner();
    const planned = plan.addRecord(company('a1', 'Acme', ['acme.com', 'acme.io']));
    expect(planned.action).toBe('create');
    expect(planned.attributes).toEqual({ name: 'Acme', domains: items('acme.com', 'acme.io') });
    expect(planned.matchKeys).toEqual(['acme.com', 'acme.io']);
    expect(planned.clarifyId).toBeUndefined();
  });

  it('matches by any one domain and updates only what differs, with a union of domains', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.io'), industry: 'Retail' }]],
    });
    const planned = planner(index).addRecord(company('a1', 'Acme', ['acme.com', 'ACME.io']));
    expect(planned.action).toBe('update');
    expect(planned.clarifyId).toBe('c1');
    expect(planned.attributes).toEqual({ domains: items('acme.io', 'acme.com') });
    expect(planned.previous).toEqual({ domains: items('acme.io') });
  });

  it('is unchanged when nothing differs', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.com'), employee_count: 50 }]],
    });
    const record = company('a1', 'Acme', ['acme.com']);
    record.attributes.employee_count = 50.0;
    const planned = planner(index).addRecord(record);
    expect(planned.action).toBe('unchanged');
    expect(planned.attributes).toEqual({});
    expect(planned.previous).toBeUndefined();
  });

  it('prefers the id a previous run recorded, while the workspace still holds it', () => {
    const index = workspace({
      company: [
        ['c1', { name: 'Acme' }],
        ['c2', { name: 'Other', domains: items('other.com') }],
      ],
    });
    const knownId = (_object: string, sourceId: string) => (sourceId === 'a1' ? 'c1' : 'gone');
    const planned = planner(index, { knownId }).addRecord(company('a1', 'Acme'));
    expect(planned.clarifyId).toBe('c1');
    // a known id that no longer exists falls back to the unique key
    const second = planner(index, { knownId }).addRecord(company('a2', 'Other', ['other.com']));
    expect(second.clarifyId).toBe('c2');
  });

  it('fails when its domains match two different workspace companies, naming both', () => {
    const index = workspace({
      company: [
        ['c1', { domains: items('a.com') }],
        ['c2', { domains: items('b.com') }],
      ],
    });
    const planned = planner(index).addRecord(company('x', 'X', ['a.com', 'b.com']));
    expect(planned.action).toBe('fail');
    expect(planned.issues.map((issue) => issue.code)).toEqual(['AMBIGUOUS_MATCH']);
    expect(planned.reason).toContain('c1');
    expect(planned.reason).toContain('c2');
  });

  it('without domains, matches by a unique case-insensitive name only', () => {
    const index = workspace({
      company: [
        ['c1', { name: 'Acme' }],
        ['c2', { name: 'Twin' }],
        ['c3', { name: 'TWIN' }],
      ],
    });
    const plan = planner(index);
    const acme = plan.addRecord(company('a', 'acme'));
    expect(acme.action).toBe('update'); // name differs in case → exact string compare sends the export's spelling
    expect(acme.clarifyId).toBe('c1');
    expect(acme.matchKeys).toEqual(['name:acme']);
    const twin = plan.addRecord(company('t', 'Twin'));
    expect(twin.action).toBe('create');
    expect(twin.matchKeys).toEqual(['name:Twin']);
  });

  it('with domains, does not match by name', () => {
    const index = workspace({ company: [['c1', { name: 'Acme' }]] });
    expect(planner(index).addRecord(company('a', 'Acme', ['acme.com'])).action).toBe('create');
  });

  it('fails a company with neither domain nor name', () => {
    const planned = planner().addRecord(company('a', null));
    expect(planned.action).toBe('fail');
    expect(codes(planned)).toContain('MISSING_UNIQUE_KEY');
    expect(planned.reason).toMatch(/domain.*name/);
  });

  it('merges a company whose domain an earlier row already has, naming both', () => {
    const plan = planner();
    plan.addRecord(company('a1', 'Acme', ['acme.com'], 10));
    const dup = plan.addRecord(company('a2', 'Acme GmbH', ['acme.de', 'ACME.com']));
    expect(dup.action).toBe('skip');
    expect(codes(dup)).toEqual(['MERGED_DUPLICATE']);
    expect(dup.issues[0]!.severity).toBe('warning');
    expect(dup.reason).toContain('Acme GmbH');
    expect(dup.reason).toContain("'Acme'");
    expect(dup.reason).toContain('line 10');
    // its other domain now leads to the kept company as well
    const third = plan.addRecord(company('a3', 'Acme DE', ['acme.de']));
    expect(third.action).toBe('skip');
    expect(third.reason).toContain("'Acme' (line 10)");
  });

  it('merges a company that matches the same workspace company as an earlier row', () => {
    const index = workspace({ company: [['c1', { name: 'Acme', domains: items('acme.com', 'acme.io') }]] });
    const plan = planner(index);
    expect(plan.addRecord(company('a1', 'Acme', ['acme.com'])).action).toBe('unchanged');
    const dup = plan.addRecord(company('a2', 'Acme', ['acme.io']));
    expect(dup.action).toBe('skip');
    expect(dup.reason).toContain('c1');
  });

  it('skips a repeated source id', () => {
    const plan = planner();
    plan.addRecord(company('a1', 'Acme', ['acme.com'], 5));
    const dup = plan.addRecord(company('a1', 'Acme', ['acme.com']));
    expect(dup.action).toBe('skip');
    expect(codes(dup)).toEqual(['MERGED_DUPLICATE']);
    expect(dup.reason).toContain('line 5');
  });

  it('keeps the normalization issues of the record', () => {
    const record = company('a1', 'Acme', ['acme.com']);
    record.issues.push({ code: 'INVALID_DOMAIN', severity: 'warning', message: 'bad' });
    const planned = planner().addRecord(record);
    expect(codes(planned)).toEqual(['INVALID_DOMAIN']);
  });

  it('reports company names by source id', () => {
    const plan = planner();
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    plan.addRecord(company('a2', null, ['nameless.com']));
    expect(plan.companyName('a1')).toBe('Acme');
    expect(plan.companyName('a2')).toBe('nameless.com');
    expect(plan.companyName('zz')).toBeUndefined();
  });
});
