import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../src/plan/index.js';
import { items } from './helpers.js';

describe('WorkspaceIndex', () => {
  const index = new WorkspaceIndex();
  index.add('person', {
    id: 'p1',
    attributes: {
      first_name: 'Ann',
      last_name: 'Lee',
      email_addresses: items('Ann@Acme.com', 'ann@home.org'),
      company_id: 'c1',
    },
  });
  index.add('person', {
    id: 'p2',
    attributes: { first_name: 'Bob', last_name: 'Ray', email_addresses: items('bob@acme.com') },
  });
  index.add('person', { id: 'p3', attributes: { first_name: 'Bob', last_name: 'Ray' } });
  index.add('company', { id: 'c1', attributes: { name: 'Acme', domains: items('acme.com', 'ACME.io') } });
  index.add('company', { id: 'c2', attributes: { name: 'Twin' } });
  index.add('company', { id: 'c3', attributes: { name: 'twin' } });
  index.add('deal', { id: 'd1', attributes: { name: 'Big Deal' } });

  it('counts and returns records', () => {
    expect(index.size('person')).toBe(3);
    expect(index.size('company')).toBe(3);
    expect(index.size('deal')).toBe(1);
    expect(index.get('deal', 'd1')?.attributes.name).toBe('Big Deal');
    expect(index.get('deal', 'nope')).toBeUndefined();
  });

  it('finds people by any email, case-insensitively', () => {
    expect(index.personByEmail('ann@acme.com')).toBe('p1');
    expect(index.personByEmail('ANN@HOME.ORG')).toBe('p1');
    expect(index.personByEmail('bob@acme.com')).toBe('p2');
    expect(index.personByEmail('nobody@acme.com')).toBeUndefined();
  });

  it('finds companies by any domain, case-insensitively', () => {
    expect(index.companyByDomain('acme.io')).toBe('c1');
    expect(index.companyByDomain('ACME.COM')).toBe('c1');
    expect(index.companyByDomain('other.com')).toBeUndefined();
  });

  it('finds deals by exact name only', () => {
    expect(index.dealByName('Big Deal')).toBe('d1');
    expect(index.dealByName('big deal')).toBeUndefined();
  });

  it('finds a company by name only when exactly one has it', () => {
    expect(index.companyByName('ACME')).toBe('c1');
    expect(index.companyByName('Twin')).toBeUndefined();
  });

  it('finds a person by name and company only when exactly one matches', () => {
    expect(index.personByName('ann lee', 'c1')).toBe('p1');
    expect(index.personByName('Ann Lee', '')).toBeUndefined();
    // p2 and p3 share the name; p3, the one without an email, is what an email-less row is matched to.
    expect(index.personByName('Bob Ray', '')).toBe('p3');
  });

  it('prefers the one namesake without an email, so an email-less row imported before is found again', () => {
    const crowd = new WorkspaceIndex();
    crowd.add('person', {
      id: 'with-1',
      attributes: { first_name: 'Maya', last_name: 'Becker', email_addresses: items('maya@a.com') },
    });
    crowd.add('person', {
      id: 'with-2',
      attributes: { first_name: 'Maya', last_name: 'Becker', email_addresses: items('mb@b.com') },
    });
    expect(crowd.personByName('Maya Becker', '')).toBeUndefined(); // two namesakes, both with emails
    crowd.add('person', { id: 'bare', attributes: { first_name: 'Maya', last_name: 'Becker' } });
    expect(crowd.personByName('maya becker', '')).toBe('bare');
    crowd.add('person', { id: 'bare-2', attributes: { first_name: 'MAYA', last_name: 'becker' } });
    expect(crowd.personByName('Maya Becker', '')).toBeUndefined(); // two without emails: ambiguous again
    const one = new WorkspaceIndex();
    one.add('person', { id: 'only', attributes: { first_name: 'Ivo', email_addresses: items('ivo@x.com') } });
    expect(one.personByName('Ivo', '')).toBe('only'); // no email-less namesake: the unique one still counts
  });

  it('keeps lazily built name maps up to date on later adds', () => {
    const later = new WorkspaceIndex();
    later.add('company', { id: 'x1', attributes: { name: 'Solo' } });
    expect(later.companyByName('solo')).toBe('x1');
    later.add('company', { id: 'x2', attributes: { name: 'SOLO' } });
    expect(later.companyByName('solo')).toBeUndefined();
    later.add('person', { id: 'y1', attributes: { first_name: 'Zed' } });
    expect(later.personByName('zed', '')).toBe('y1');
    later.add('person', { id: 'y2', attributes: { first_name: 'Zed', company_id: 'x1' } });
    expect(later.personByName('zed', '')).toBe('y1');
    expect(later.personByName('zed', 'x1')).toBe('y2');
  });

  it('re-adding a record replaces its keys', () => {
    const again = new WorkspaceIndex();
    again.add('person', { id: 'p', attributes: { email_addresses: items('old@x.com') } });
    again.add('person', { id: 'p', attributes: { email_addresses: items('new@x.com') } });
    expect(again.size('person')).toBe(1);
    expect(again.personByEmail('old@x.com')).toBeUndefined();
    expect(again.personByEmail('new@x.com')).toBe('p');
  });
});
