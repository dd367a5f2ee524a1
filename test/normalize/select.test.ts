import { describe, expect, it } from 'vitest';
import { mapSelectValue } from '../../src/normalize/index.js';
import { valueMapsFor } from '../../src/sources/index.js';

const STAGES = ['Prospecting', 'Closed Won', 'Closed Lost', 'Negotiation/Review'] as const;
const STATUS = ['Active', 'Inactive', 'Lead', 'Marketing Qualified Lead', 'Customer'] as const;
const HUBSPOT_LIFECYCLE: Record<string, string> = {
  marketingqualifiedlead: 'marketing qualified lead',
  salesqualifiedlead: 'Lead',
  customer: 'Customer',
  other: '',
  ' Evangelist ': 'Customer',
};

describe('mapSelectValue', () => {
  it.each([
    ['', STAGES, undefined, null],
    ['Closed Won', STAGES, undefined, 'Closed Won'],
    ['  Closed Won ', STAGES, undefined, 'Closed Won'],
    ['closed won', STAGES, undefined, 'Closed Won'],
    ['CLOSED WON', STAGES, undefined, 'Closed Won'],
    ['closedwon', STAGES, undefined, 'Closed Won'],
    ['Closed-Won', STAGES, undefined, 'Closed Won'],
    ['closed_won', STAGES, undefined, 'Closed Won'],
    ['negotiation / review', STAGES, undefined, 'Negotiation/Review'],
    ['active', STATUS, undefined, 'Active'],
    ['ACTIVE', STATUS, undefined, 'Active'],
    // value maps: keys case-insensitive and trimmed; target returned in the workspace's spelling
    ['marketingqualifiedlead', STATUS, HUBSPOT_LIFECYCLE, 'Marketing Qualified Lead'],
    ['MarketingQualifiedLead', STATUS, HUBSPOT_LIFECYCLE, 'Marketing Qualified Lead'],
    ['salesqualifiedlead', STATUS, HUBSPOT_LIFECYCLE, 'Lead'],
    ['evangelist', STATUS, HUBSPOT_LIFECYCLE, 'Customer'],
    ['other', STATUS, HUBSPOT_LIFECYCLE, null], // mapped to '' on purpose: not sent
    ['Active', STATUS, HUBSPOT_LIFECYCLE, 'Active'], // not in the map: falls through to the options
    ['lead', STATUS, {}, 'Lead'],
  ])('%j → %j', (raw, options, valueMap, expected) => {
    expect(mapSelectValue(raw, options, valueMap)).toEqual({ ok: true, value: expected });
  });

  it('prefers an exact option over a case-insensitive one', () => {
    expect(mapSelectValue('won', ['Won', 'won'])).toEqual({ ok: true, value: 'won' });
    expect(mapSelectValue('Won', ['Won', 'won'])).toEqual({ ok: true, value: 'Won' });
  });

  it('refuses a loose match that fits several options', () => {
    const result = mapSelectValue('closedwon', ['Closed-Won', 'Closed Won']);
    expect(result.ok).toBe(false);
  });

  it('lists the allowed options when nothing matches', () => {
    const result = mapSelectValue('Qualification', STAGES);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('"Qualification"');
      expect(result.reason).toContain('"Prospecting", "Closed Won", "Closed Lost", "Negotiation/Review"');
      expect(result.reason).toContain('value map');
    }
  });

  it('rejects a value map whose target is not an option', () => {
    const result = mapSelectValue('lead', STATUS, { lead: 'Prospect' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('"Prospect"');
  });

  it('rejects everything when the field has no options', () => {
    const result = mapSelectValue('x', []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('no options');
  });

  it('does not match an unrelated option by punctuation alone', () => {
    expect(mapSelectValue('---', ['-']).ok).toBe(false);
    expect(mapSelectValue('Closed', STAGES).ok).toBe(false);
  });
});

describe("value maps: the user's entries replace the built-in ones, whatever their case", () => {
  it('a user key spelt differently from the built-in key wins (Salesforce "Closed Won")', () => {
    const maps = valueMapsFor('salesforce', {
      'deal.stage': { 'Closed Won': 'Closed Won', ' PROSPECTING ': '' },
    });
    const stages = ['Prospecting', 'Won', 'Closed Won'];
    expect(mapSelectValue('closed won', stages, maps['deal.stage'])).toEqual({
      ok: true,
      value: 'Closed Won',
    });
    expect(mapSelectValue('Prospecting', stages, maps['deal.stage'])).toEqual({ ok: true, value: null });
    // The built-in entries the user did not touch still apply.
    expect(mapSelectValue('Closed Lost', ['Lost'], maps['deal.stage'])).toEqual({ ok: true, value: 'Lost' });
  });

  it('in one map, of two keys equal but for case, the later wins', () => {
    expect(mapSelectValue('won', ['A', 'B'], { Won: 'A', WON: 'B' })).toEqual({ ok: true, value: 'B' });
  });
});

describe("value maps: the workspace's own option beats a built-in guess", () => {
  const schemaWith = (status: string[], stage: string[]) =>
    ({
      company: { object: 'company', fields: {} },
      person: { object: 'person', fields: { status: { name: 'status', kind: 'select', options: status } } },
      deal: { object: 'deal', fields: { stage: { name: 'stage', kind: 'select', options: stage } } },
    }) as const;

  it("a HubSpot value that is itself an option is kept, in the workspace's spelling", () => {
    const status = ['SUBSCRIBER', 'LEAD', 'Customer'];
    const stage = ['closedwon', 'qualifiedtobuy', 'Won', 'Qualification'];
    const maps = valueMapsFor('hubspot', {}, schemaWith(status, stage));
    expect(mapSelectValue('closedwon', stage, maps['deal.stage'])).toEqual({ ok: true, value: 'closedwon' });
    expect(mapSelectValue('qualifiedtobuy', stage, maps['deal.stage'])).toEqual({
      ok: true,
      value: 'qualifiedtobuy',
    });
    expect(mapSelectValue('subscriber', status, maps['person.status'])).toEqual({
      ok: true,
      value: 'SUBSCRIBER',
    });
    // Values that are not options still go through the built-in map.
    expect(mapSelectValue('Closed Lost', [...stage, 'Lost'], maps['deal.stage'])).toEqual({
      ok: true,
      value: 'Lost',
    });
    expect(mapSelectValue('customer', status, maps['person.status'])).toEqual({
      ok: true,
      value: 'Customer',
    });
  });

  it('without a schema, or against the default options, the built-in map applies as before', () => {
    expect(mapSelectValue('closedwon', ['Won', 'Lost'], valueMapsFor('hubspot', {})['deal.stage'])).toEqual({
      ok: true,
      value: 'Won',
    });
    const maps = valueMapsFor('hubspot', {}, schemaWith(['Lead', 'Qualified'], ['Won', 'Lost']));
    expect(mapSelectValue('subscriber', ['Lead', 'Qualified'], maps['person.status'])).toEqual({
      ok: true,
      value: 'Lead',
    });
  });

  it("the user's entry wins even over an option of the same name", () => {
    const stage = ['closedwon', 'Won'];
    const maps = valueMapsFor('hubspot', { 'deal.stage': { closedwon: 'Won' } }, schemaWith([], stage));
    expect(mapSelectValue('closedwon', stage, maps['deal.stage'])).toEqual({ ok: true, value: 'Won' });
  });
});
