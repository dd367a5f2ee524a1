import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../../src/core/records.js';
import { type PlanAction, Planner, WorkspaceIndex } from '../../src/plan/index.js';

const EXISTING = 50_000;
const ROWS = 200_000;

function existingPerson(i: number) {
  return {
    id: `x${i}`,
    attributes: {
      first_name: `U${i}`,
      email_addresses: { items: [`user${i}@corp.com`] },
      ...(i % 2 === 0 ? { job_title: 'Engineer' } : {}),
    },
  };
}

/**
 * Row i is user i, except: every 1000th row at offset 999 repeats the previous row (same email and
 * name → merged), and at offset 500 reuses the previous row's email under another name (→ kept without
 * the email, with a warning: no workspace person is named 'Other', so it is created).
 */
function exportPerson(i: number): CanonicalRecord {
  const mod = i % 1000;
  const who = mod === 999 || mod === 500 ? i - 1 : i;
  return {
    object: 'person',
    sourceId: `s${i}`,
    origin: { file: 'contacts.csv', line: i + 2 },
    attributes: {
      first_name: mod === 500 ? 'Other' : `U${who}`,
      email_addresses: { items: [`User${who}@Corp.com`] },
      job_title: 'Engineer',
    },
    raw: {},
    issues: [],
  };
}

describe('Planner at scale', () => {
  it('plans 200,000 people against a 50,000-person workspace with the expected counts', () => {
    const index = new WorkspaceIndex();
    for (let i = 0; i < EXISTING; i++) index.add('person', existingPerson(i));
    const planner = new Planner(index, { dealRename: '{name} ({company})' });
    const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, skip: 0, fail: 0 };
    let sharedEmail = 0;
    for (let i = 0; i < ROWS; i++) {
      const planned = planner.addRecord(exportPerson(i));
      counts[planned.action]++;
      if (
        planned.issues.some((issue) => issue.code === 'DUPLICATE_IN_EXPORT' && issue.severity === 'warning')
      ) {
        expect(planned.action).toBe('create');
        expect(planned.attributes.email_addresses).toBeUndefined();
        sharedEmail++;
      }
    }

    // Existing users: even ones already have the title (unchanged), odd ones get it (update); the
    // 50 rows of each kind of duplicate within the existing range (offset 500 even, 999 odd) are not
    // their user. Beyond it, new users are created except the 150 merged repeats; every 'Other' row
    // (50 within the existing range, 150 beyond) is created too.
    expect(counts).toEqual({
      unchanged: EXISTING / 2 - EXISTING / 1000,
      update: EXISTING / 2 - EXISTING / 1000,
      create: ROWS - EXISTING - (ROWS - EXISTING) / 1000 + EXISTING / 1000,
      skip: ROWS / 1000,
      fail: 0,
    });
    expect(sharedEmail).toBe(ROWS / 1000);
    expect(planner.links()).toEqual([]);
  });
});
