/**
 * plan.jsonl, the plan of `clarify-import plan`: what goes in comes back (through chunk boundaries and
 * multi-byte text), its bulk requests are grouped as the journal groups them, its counts are the rows', and a
 * plan that a later one replaced is said to be gone rather than read as someone else's.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedLink, PlannedRecord } from '../../src/plan/index.js';
import { Journal } from '../../src/run/journal.js';
import { KEPT_LINK_ISSUES } from '../../src/run/kept-link-issues.js';
import { discardPartialPlan, PLAN_FILE, PlanFileWriter, planRecords } from '../../src/run/plan-file.js';

function person(i: number, action: PlannedRecord['action']): PlannedRecord {
  const record: PlannedRecord = {
    object: 'person',
    sourceId: `p${i}`,
    origin: { file: '/exports/contacts – 2026.csv', line: i + 2 },
    action,
    // Two-, three- and four-byte characters, so that chunk boundaries fall inside them somewhere.
    attributes: {
      first_name: `Zoë ${i}`,
      last_name: `Łukasiewicz–${i} 😀`,
      email_addresses: { items: [`p${i}@x.com`] },
    },
    matchKeys: action === 'skip' ? [] : [`p${i}@x.com`],
    issues: [],
    raw: { Email: `p${i}@x.com`, Name: `Zoë ${i}` },
  };
  if (action === 'update') {
    record.clarifyId = `clarify-${i}`;
    record.previous = { last_name: 'old' };
  }
  if (action === 'skip') {
    record.reason = 'the same email as row 2';
    record.issues = [{ code: 'DUPLICATE_IN_EXPORT', severity: 'warning', message: 'duplicate', line: i + 2 }];
  }
  return record;
}

const deal = (i: number): PlannedRecord => ({
  object: 'deal',
  sourceId: `d${i}`,
  origin: { file: '/exports/deals.csv', line: i + 2 },
  action: 'create',
  attributes: { name: `Renewal (${i})` },
  matchKeys: [`Renewal (${i})`],
  renamedFrom: 'Renewal',
  companySourceId: 'c1',
  setCompany: true,
  issues: [],
  raw: {},
});

const ACTIONS: PlannedRecord['action'][] = ['create', 'create', 'update', 'create', 'skip'];

function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'clarify-plan-file-'));
}

describe('plan.jsonl', () => {
  it('gives back every row as written, across chunks, with counts, renamed deals and link problems', () => {
    const dir = stateDir();
    const records = Array.from({ length: 6000 }, (_, i) => person(i, ACTIONS[i % ACTIONS.length]!));
    records.push(deal(1), deal(2));
    const links: PlannedLink[] = [
      {
        dealSourceId: 'd1',
        personSourceIds: ['p0', 'p1'],
        origin: { file: '/exports/deals.csv', line: 3 },
        issues: [],
      },
      {
        dealSourceId: 'd2',
        personSourceIds: ['p3'],
        origin: { file: '/exports/deals.csv', line: 4 },
        issues: [{ code: 'MISSING_PERSON', severity: 'warning', message: 'contact 9 is not in the export' }],
      },
    ];
    const writer = PlanFileWriter.open(dir, 7, 25);
    for (const record of records) writer.add(record);
    writer.addLinks(links);
    expect(existsSync(join(dir, PLAN_FILE))).toBe(false);
    writer.finish();
    expect(readdirSync(dir)).toEqual([PLAN_FILE]);

    const lines = [...planRecords(dir, 7)];
    expect(lines).toHaveLength(records.length);
    lines.forEach((line, i) => {
      const record = records[i]!;
      expect(line.source_id).toBe(record.sourceId);
      expect(line.file).toBe(record.origin.file);
      expect(line.line).toBe(record.origin.line);
      expect(line.action).toBe(record.action);
      expect(line.attributes).toEqual(record.attributes);
      expect(line.previous).toEqual(record.previous);
      expect(line.clarify_id).toBe(record.clarifyId);
      expect(line.reason).toBe(record.reason);
      expect(line.issues).toEqual(record.issues.length > 0 ? record.issues : undefined);
      // Original values only where errors.csv shows them.
      expect(line.raw).toEqual(record.action === 'skip' ? record.raw : undefined);
    });

    const totals = writer.totals();
    expect(totals.records).toEqual(
      expect.arrayContaining([
        { object: 'person', action: 'create', n: 3600 },
        { object: 'person', action: 'update', n: 1200 },
        { object: 'person', action: 'skip', n: 1200 },
        { object: 'deal', action: 'create', n: 2 },
      ]),
    );
    expect(totals.links).toEqual({ deals: 2, linked: 3, failed: 1 });
    expect(totals.renamed.map((row) => [row.source_id, row.renamed_from, row.name])).toEqual([
      ['d1', 'Renewal', 'Renewal (1)'],
      ['d2', 'Renewal', 'Renewal (2)'],
    ]);
    expect(totals.linkIssues.map((issue) => issue.code)).toEqual(['MISSING_PERSON']);
  });

  it('keeps the first 1,000 link problems whole for the reports, counts them all and notes the rest first', () => {
    const dir = stateDir();
    const writer = PlanFileWriter.open(dir, 1, 25);
    const issue = (i: number) => ({
      code: 'MISSING_DEAL' as const,
      severity: 'warning' as const,
      message: `deal d${i} is not in the export`,
      file: 'contacts.csv',
      line: i + 2,
      object: 'deal' as const,
      sourceId: `d${i}`,
    });
    for (let i = 0; i < KEPT_LINK_ISSUES + 5; i++) {
      writer.addLinks([
        {
          dealSourceId: `d${i}`,
          personSourceIds: [],
          origin: { file: 'contacts.csv', line: i + 2 },
          issues: [issue(i)],
        },
      ]);
    }
    writer.finish();
    const totals = writer.totals();
    expect(totals.links).toEqual({ deals: KEPT_LINK_ISSUES + 5, linked: 0, failed: KEPT_LINK_ISSUES + 5 });
    expect(totals.linkIssues).toHaveLength(KEPT_LINK_ISSUES + 1);
    expect(totals.linkIssues[0]).toMatchObject({ code: 'LINK_FAILED', severity: 'warning' });
    expect(totals.linkIssues[0]?.message).toMatch(
      /^5 more problems with person–deal links are not listed here/,
    );
    expect(totals.linkIssues.at(-1)?.sourceId).toBe(`d${KEPT_LINK_ISSUES - 1}`);
    // plan.jsonl keeps every one.
    const lines = readFileSync(join(dir, PLAN_FILE), 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(KEPT_LINK_ISSUES + 5);
  });

  it("bounds a run's link problems read back from the journal the same way", () => {
    const journal = Journal.open(stateDir());
    const runId = journal.startRun({ mode: 'run', source: 'hubspot', inputs: '[]', target: 'test' });
    const links: PlannedLink[] = Array.from({ length: KEPT_LINK_ISSUES + 3 }, (_, i) => ({
      dealSourceId: `d${i}`,
      personSourceIds: [],
      origin: { file: 'contacts.csv', line: i + 2 },
      issues: [
        {
          code: 'MISSING_DEAL',
          severity: 'warning',
          message: `deal d${i} is not in the export`,
          file: 'contacts.csv',
          line: i + 2,
          object: 'deal',
          sourceId: `d${i}`,
        },
      ],
    }));
    journal.writeLinks(runId, [
      { dealSourceId: 'ok', personSourceIds: ['p1'], origin: { file: 'c.csv', line: 1 }, issues: [] },
      ...links,
    ]);
    const issues = journal.allLinkIssues(runId);
    expect(issues).toHaveLength(KEPT_LINK_ISSUES + 1);
    expect(issues[0]?.message).toMatch(
      /^3 more problems with person–deal links are not listed here .*journal/,
    );
    expect(issues[1]?.sourceId).toBe('d0');
    expect(issues.at(-1)?.sourceId).toBe(`d${KEPT_LINK_ISSUES - 1}`);
    journal.close();
  });

  it('groups creates and updates into the bulk requests the journal would make', () => {
    const dir = stateDir();
    const records = Array.from({ length: 230 }, (_, i) => person(i, ACTIONS[i % ACTIONS.length]!));
    records.splice(100, 0, deal(1));
    const writer = PlanFileWriter.open(dir, 1, 10);
    for (const record of records) writer.add(record);
    writer.finish();
    const fromFile = [...planRecords(dir, 1)].map((line) => line.batch ?? null);

    const journal = Journal.open(stateDir());
    try {
      const runId = journal.startRun({ mode: 'plan', source: 'hubspot', inputs: '[]', target: 'test' });
      const write = journal.recordWriter(runId, 10, { raw: 'problems' });
      journal.transaction(() => {
        for (const record of records) write(record);
      });
      const fromJournal = [...journal.iterateRecords(runId)].map((record) => record.batchId);
      // The same grouping: the journal's batch ids are numbered from its own first one.
      const first = fromJournal.find((id) => id !== null)!;
      expect(fromFile).toEqual(fromJournal.map((id) => (id === null ? null : id - first + 1)));
      expect(new Set(fromFile).size).toBeGreaterThan(10);
    } finally {
      journal.close();
    }
  });

  it('says a plan is gone when a later plan replaced it, and leaves no half plan behind', () => {
    const dir = stateDir();
    const first = PlanFileWriter.open(dir, 1, 25);
    first.add(person(1, 'create'));
    first.finish();
    const second = PlanFileWriter.open(dir, 2, 25);
    second.add(person(2, 'create'));
    second.finish();
    expect([...planRecords(dir, 2)].map((line) => line.source_id)).toEqual(['p2']);
    expect(() => [...planRecords(dir, 1)]).toThrow(
      /does not hold the plan of run 1: a later plan replaced it/,
    );

    const stopped = PlanFileWriter.open(dir, 3, 25);
    stopped.add(person(3, 'create'));
    discardPartialPlan(dir);
    expect(readdirSync(dir)).toEqual([PLAN_FILE]);
    expect([...planRecords(dir, 2)]).toHaveLength(1);
  });
});
