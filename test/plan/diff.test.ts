import { describe, expect, it } from 'vitest';
import { diffAttributes } from '../../src/plan/diff.js';
import { items } from './helpers.js';

describe('diffAttributes', () => {
  it('reports nothing when every field agrees', () => {
    const result = diffAttributes(
      { name: 'Acme', employee_count: 1200 },
      { name: 'Acme', employee_count: 1200.0 },
    );
    expect(result).toEqual({ attributes: {}, previous: {}, changed: false });
  });

  it('sends only the fields that differ, with their previous values', () => {
    const result = diffAttributes(
      { name: 'Acme Inc', industry: 'Software', employee_count: 10 },
      { name: 'Acme', industry: 'Software', employee_count: 10 },
    );
    expect(result.attributes).toEqual({ name: 'Acme Inc' });
    expect(result.previous).toEqual({ name: 'Acme' });
    expect(result.changed).toBe(true);
  });

  it('compares numbers numerically, also against decimal strings', () => {
    expect(diffAttributes({ amount: 1200 }, { amount: '1200.0000' }).changed).toBe(false);
    expect(diffAttributes({ amount: 1200 }, { amount: 1200.5 }).changed).toBe(true);
    expect(diffAttributes({ amount: 0 }, { amount: null }).changed).toBe(true);
  });

  it('compares strings exactly', () => {
    expect(diffAttributes({ stage: 'won' }, { stage: 'Won' }).changed).toBe(true);
    expect(diffAttributes({ title: 'CEO ' }, { title: 'CEO' }).changed).toBe(true);
  });

  it('treats a midnight timestamp as the same date', () => {
    expect(
      diffAttributes({ close_date: '2024-03-01' }, { close_date: '2024-03-01T00:00:00.000Z' }).changed,
    ).toBe(false);
    expect(diffAttributes({ close_date: '2024-03-01' }, { close_date: '2024-03-02' }).changed).toBe(true);
  });

  it('never clears a workspace value with an absent or empty export value', () => {
    const result = diffAttributes(
      { title: null, description: '', email_addresses: items() },
      { title: 'CEO', description: 'x', email_addresses: items('a@x.com') },
    );
    expect(result.changed).toBe(false);
  });

  it('adds a value the workspace lacks, with previous null', () => {
    const result = diffAttributes({ title: 'CEO' }, {});
    expect(result.attributes).toEqual({ title: 'CEO' });
    expect(result.previous).toEqual({ title: null });
  });

  it('compares emails and domains as case-insensitive sets', () => {
    expect(
      diffAttributes(
        { email_addresses: items('A@x.com', 'b@x.com') },
        { email_addresses: items('b@X.com', 'a@x.com') },
      ).changed,
    ).toBe(false);
    expect(
      diffAttributes({ domains: items('ACME.com') }, { domains: items('acme.com', 'acme.io') }).changed,
    ).toBe(false);
  });

  it('sends the union of existing and new items, never removing what the workspace has', () => {
    const result = diffAttributes(
      { email_addresses: items('a@x.com', 'new@x.com') },
      { email_addresses: items('synced@x.com', 'A@x.com') },
    );
    expect(result.attributes).toEqual({ email_addresses: items('synced@x.com', 'A@x.com', 'new@x.com') });
    expect(result.previous).toEqual({ email_addresses: items('synced@x.com', 'A@x.com') });
  });

  it('compares other collections (phones, multi-selects) case-sensitively', () => {
    expect(diffAttributes({ labels: items('VIP') }, { labels: items('vip') }).attributes).toEqual({
      labels: items('vip', 'VIP'),
    });
    expect(
      diffAttributes({ phone_numbers: items('+4930123') }, { phone_numbers: items('+4930123') }).changed,
    ).toBe(false);
  });

  it('accepts a bare array from a snapshot as a collection', () => {
    expect(diffAttributes({ domains: items('acme.com') }, { domains: ['acme.com'] as never }).changed).toBe(
      false,
    );
  });

  it('ignores company_id, which the planner resolves from the company link', () => {
    expect(diffAttributes({ company_id: 'c2' }, { company_id: 'c1' }).changed).toBe(false);
  });
});
