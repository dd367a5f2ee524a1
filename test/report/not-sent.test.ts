/**
 * Rows an interrupted or aborted run never sent: they are counted as failed (summary.json has five outcomes),
 * so the reports must say they only wait to be sent — their code is NOT_SENT whatever else the row carries,
 * and the console says how many wait and how to send them.
 */
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/cli/summary-text.js';
import type { Issue } from '../../src/core/issues.js';
import { emptySummary } from '../../src/report/index.js';
import { primaryCode, rowReason } from '../../src/report/row-reason.js';
import { NOT_SENT_REASON } from '../../src/run/report-from-journal.js';
import { row } from './sample-input.js';

const NOT_SENT: Issue = { code: 'NOT_SENT', severity: 'error', message: NOT_SENT_REASON };

describe('rows not sent', () => {
  it('are reported as NOT_SENT with only the not-sent reason, whatever else the row carries', () => {
    const unsent = row({
      object: 'deal',
      action: 'failed',
      reason: NOT_SENT_REASON,
      issues: [
        NOT_SENT,
        { code: 'DEAL_RENAMED', severity: 'info', message: 'the deal was renamed to tell it apart' },
        { code: 'VALUE_TOO_LONG', severity: 'error', message: 'deal.name is too long' },
      ],
    });
    expect(primaryCode(unsent)).toBe('NOT_SENT');
    expect(rowReason(unsent)).toBe(NOT_SENT_REASON);
  });

  it('are counted on the console, with how to send them', () => {
    const summary = emptySummary('hubspot', 'run');
    summary.objects.deal = { rows: 5, created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 3 };
    summary.not_sent = { company: 0, person: 0, deal: 3, deal_people: 4 };
    const text = summaryText(summary, '/state/report');
    expect(text).toContain(
      'Not sent, the run stopped first (counted as failed above; NOT_SENT in errors.csv): 3 deals, 4 deal–person links.',
    );
    expect(text).toContain('Run again with the same --state to resume and send them.');
  });

  it('leave the console as it was when the run finished', () => {
    const summary = emptySummary('hubspot', 'run');
    summary.not_sent = { company: 0, person: 0, deal: 0, deal_people: 0 };
    expect(summaryText(summary, '/state/report')).not.toMatch(/not sent/i);
  });
});
