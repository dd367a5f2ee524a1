import type { Issue, IssueCode } from '../../src/core/issues.js';
import type { ObjectType } from '../../src/core/objects.js';
import type { RowAction } from '../../src/core/records.js';
import { countOutcome, emptySummary } from '../../src/report/index.js';
import type { OutcomeRow, RenamedDeal, ReportInput, Summary } from '../../src/report/types.js';

/** A deterministic PRNG (mulberry32), so the sample and its screenshot are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A ReportInput over an in-memory list of rows, with the summary counted from the rows themselves. */
export function inputFromRows(rows: OutcomeRow[], overrides: Partial<ReportInput> = {}): ReportInput {
  const summary = emptySummary('hubspot', 'run');
  for (const row of rows) countOutcome(summary, row.object, row.action);
  summary.finished = true;
  return {
    summary,
    outcomes: async function* () {
      yield* rows;
    },
    fileIssues: [],
    renamedDeals: [],
    throughput: [],
    startedAt: '2025-03-14T09:30:00.000Z',
    ...overrides,
  };
}

export function row(partial: Partial<OutcomeRow> & Pick<OutcomeRow, 'object' | 'action'>): OutcomeRow {
  return {
    sourceFile: `${partial.object}.csv`,
    sourceLine: 2,
    sourceId: '1',
    raw: {},
    issues: [],
    ...partial,
  };
}

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kara',
  'Liam',
];
const LAST = ['Silva', 'Okafor', 'Dubois', 'Kim', 'Müller', 'Haddad', 'Lee', 'Tanaka', 'García', 'Berg'];
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
];
const STAGES = ['Qualified', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

export interface Sample {
  input: ReportInput;
  rows: OutcomeRow[];
  summary: Summary;
}

/**
 * A realistic HubSpot import: a few hundred rows over the three objects, with the failures, skips,
 * dropped values, renamed deals and file issues a real export produces — and one hostile cell.
 */
export function sampleReportInput(): Sample {
  const random = prng(20250314);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const rows: OutcomeRow[] = [];
  const renamedDeals: RenamedDeal[] = [];
  let clarify = 1000;
  const issue = (code: IssueCode, severity: Issue['severity'], message: string, extra: Partial<Issue> = {}) =>
    ({ code, severity, message, ...extra }) as Issue;

  const add = (
    object: ObjectType,
    file: string,
    line: number,
    sourceId: string,
    raw: Record<string, string>,
  ): OutcomeRow => {
    const r = random();
    let action: RowAction = r < 0.55 ? 'created' : r < 0.78 ? 'updated' : r < 0.9 ? 'unchanged' : 'created';
    const issues: Issue[] = [];
    let reason: string | undefined;
    const failure = random();
    const at = { file, line, object, sourceId };
    if (failure < 0.05) {
      action = 'failed';
      const key = object === 'company' ? 'domain' : object === 'person' ? 'email address' : 'name';
      issues.push(
        issue(
          'MISSING_UNIQUE_KEY',
          'error',
          `The row has no ${key}; add one in the export so Clarify can match the record.`,
          at,
        ),
      );
    } else if (failure < 0.08) {
      action = 'failed';
      issues.push(
        issue(
          'API_REJECTED',
          'error',
          `Clarify rejected the record (400): attribute "${object === 'deal' ? 'amount' : 'phone_numbers'}" is invalid; correct the value and run again.`,
          {
            ...at,
            column: object === 'deal' ? 'Amount' : 'Phone Number',
            value: object === 'deal' ? '12,5k' : '555-CALL-NOW',
          },
        ),
      );
    } else if (failure < 0.11) {
      action = 'skipped';
      reason = 'The record is marked deleted in the CRM; it is not imported.';
      issues.push(issue('DELETED_ROW', 'info', reason, at));
    } else if (failure < 0.13 && object === 'person') {
      action = 'failed';
      issues.push(
        issue('DEPENDENCY_FAILED', 'error', 'Its company failed (see that row); fix it and run again.', at),
      );
    } else if (failure < 0.14 && object === 'company') {
      action = 'skipped';
      issues.push(
        issue(
          'CATCH_ALL_ACCOUNT',
          'info',
          `"${raw.Name}" holds over 40 unrelated contacts, so it is not imported as a company.`,
          at,
        ),
      );
    }
    const warning = random();
    if (object === 'person' && warning < 0.12) {
      issues.push(
        issue(
          'INVALID_EMAIL',
          'warning',
          `Dropped "${raw['First Name']?.toLowerCase()}@@example" from Additional emails: not a valid address; kept the others.`,
          {
            ...at,
            column: 'Additional emails',
            value: `${raw['First Name']?.toLowerCase()}@@example`,
          },
        ),
      );
    } else if (object === 'person' && warning < 0.2) {
      issues.push(
        issue(
          'UNMAPPED_SELECT',
          'warning',
          'Lifecycle stage "Evangelist" is not an option of status; left empty.',
          {
            ...at,
            column: 'Lifecycle Stage',
            value: 'Evangelist',
          },
        ),
      );
    } else if (object === 'company' && warning < 0.15) {
      issues.push(
        issue(
          'FREEMAIL_DOMAIN',
          'warning',
          'gmail.com is a free-mail domain; it does not identify the company.',
          {
            ...at,
            column: 'Company Domain Name',
            value: 'gmail.com',
          },
        ),
      );
    } else if (object === 'deal' && warning < 0.15) {
      issues.push(
        issue('INVALID_DATE', 'warning', 'Close date "31/02/2024" is not a date; left empty.', {
          ...at,
          column: 'Close Date',
          value: '31/02/2024',
        }),
      );
    }
    const outcome: OutcomeRow = {
      object,
      sourceFile: file,
      sourceLine: line,
      sourceId,
      action,
      clarifyId:
        action === 'created' || action === 'updated' || action === 'unchanged'
          ? `rec_${clarify++}`
          : undefined,
      reason,
      raw,
      issues,
    };
    rows.push(outcome);
    return outcome;
  };

  for (let i = 0; i < 80; i++) {
    const name = `${pick(COMPANIES)} ${pick(['Labs', 'GmbH', 'Inc.', 'Group', 'Systems'])}`;
    add('company', 'hubspot-companies.csv', i + 2, String(9_100_000 + i), {
      'Record ID': String(9_100_000 + i),
      Name: name,
      'Company Domain Name': `${name.split(' ')[0]!.toLowerCase()}${i}.com`,
      Industry: pick(['Software', 'Retail', 'Finance', 'Manufacturing']),
    });
  }
  for (let i = 0; i < 220; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    add('person', 'hubspot-contacts.csv', i + 2, String(5_200_000 + i), {
      'Record ID': String(5_200_000 + i),
      'First Name': first,
      'Last Name': last,
      Email: `${first.toLowerCase()}.${i}@example.com`,
      'Phone Number': `+49 30 ${1000 + i}`,
    });
  }
  for (let i = 0; i < 100; i++) {
    const company = pick(COMPANIES);
    const name = `${company} ${pick(['renewal', 'expansion', 'pilot', 'onboarding'])}`;
    const deal = add('deal', 'hubspot-deals.csv', i + 2, String(7_300_000 + i), {
      'Record ID': String(7_300_000 + i),
      'Deal Name': name,
      'Deal Stage': pick(STAGES),
      Amount: String(Math.round(random() * 90_000) + 1000),
    });
    if (i % 16 === 3 && deal.action === 'created') {
      renamedDeals.push({
        sourceFile: 'hubspot-deals.csv',
        sourceLine: i + 2,
        sourceId: deal.sourceId,
        from: name,
        to: `${name} (${company} ${i})`,
      });
    }
  }
  // A hostile cell: must show up as text in the report, never run.
  rows.push({
    object: 'person',
    sourceFile: 'hubspot-contacts.csv',
    sourceLine: 223,
    sourceId: '5200999',
    action: 'failed',
    raw: {
      'Record ID': '5200999',
      'First Name': '<script>alert("x")</script>',
      Email: '=HYPERLINK("http://x")',
    },
    issues: [
      {
        code: 'FORMULA_VALUE',
        severity: 'error',
        message: 'Email holds a spreadsheet formula, not an address; put the real address in the export.',
        column: 'Email',
        value: '=HYPERLINK("http://x")',
      },
    ],
  });

  const summary = emptySummary('hubspot', 'run');
  for (const r of rows) countOutcome(summary, r.object, r.action);
  summary.links.deal_people = { linked: 134, failed: 3 };
  summary.requests = 58;
  summary.duration_ms = 41_250;
  summary.finished = true;

  const throughput: ReportInput['throughput'] = [];
  const done = rows.filter((r) => r.action !== 'skipped' && r.action !== 'failed').length;
  for (let t = 0; t <= 40; t += 2) {
    const progress = Math.min(1, (t / 40) ** 0.9 + (t > 0 && t < 40 ? (random() - 0.5) * 0.03 : 0));
    throughput.push({ elapsedMs: t * 1000 + (t === 40 ? 1250 : 0), records: Math.round(done * progress) });
  }

  const input: ReportInput = {
    summary,
    outcomes: async function* () {
      yield* rows;
    },
    fileIssues: [
      {
        code: 'UNKNOWN_COLUMN',
        severity: 'warning',
        file: 'hubspot-contacts.csv',
        column: 'Favourite Colour',
        message:
          'Column "Favourite Colour" is not mapped to any attribute; map it in --mapping or ignore it.',
      },
      {
        code: 'CSV_REPORT_FOOTER',
        severity: 'info',
        file: 'hubspot-deals.csv',
        line: 103,
        message: 'Ignored the report footer ("Generated by HubSpot") after the last data row.',
      },
    ],
    renamedDeals,
    throughput,
    startedAt: '2025-03-14T09:30:00.000Z',
    target: 'acme-sandbox · http://127.0.0.1:4010/v1',
  };
  return { input, rows, summary };
}
