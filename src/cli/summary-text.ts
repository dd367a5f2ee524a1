import { OBJECT_TYPES } from '../core/objects.js';
import type { Summary } from '../report/types.js';
import { countOf } from './object-count.js';

const LABEL = { company: 'Companies', person: 'People', deal: 'Deals' } as const;

/** At most this many warning codes are named on the console; report.html lists them all. */
const WARNING_CODES_SHOWN = 4;

/**
 * The short human summary printed at the end of plan and run. `warnings` (from the reports) adds a line that
 * says how many imported rows lost or changed a value, by code: the table alone counts them as created.
 */
export function summaryText(
  summary: Summary,
  reportDir: string,
  warnings: readonly { code: string; count: number }[] = [],
): string {
  const verb = summary.mode === 'plan' ? 'would be' : '';
  const lines = [
    summary.mode === 'plan'
      ? `Plan (${summary.source}) — nothing was written:`
      : `Import (${summary.source}):`,
  ];
  const header = `  ${''.padEnd(10)} ${'rows'.padStart(8)} ${'created'.padStart(8)} ${'updated'.padStart(8)} ${'unchanged'.padStart(9)} ${'skipped'.padStart(8)} ${'failed'.padStart(8)}`;
  lines.push(header);
  for (const object of OBJECT_TYPES) {
    const c = summary.objects[object];
    lines.push(
      `  ${LABEL[object].padEnd(10)} ${String(c.rows).padStart(8)} ${String(c.created).padStart(8)} ${String(c.updated).padStart(8)} ${String(c.unchanged).padStart(9)} ${String(c.skipped).padStart(8)} ${String(c.failed).padStart(8)}`,
    );
  }
  const links = summary.links.deal_people;
  const inPlace = summary.links_unchanged ? `, already in place: ${summary.links_unchanged.deal_people}` : '';
  lines.push(
    `  Deal–person links ${verb ? 'to make' : 'made'}: ${links.linked}${inPlace}, failed: ${links.failed}`,
  );
  const notSent = notSentText(summary);
  if (notSent) lines.push(notSent);
  const warned = warningText(warnings);
  if (warned) lines.push(warned);
  lines.push(`  HTTP requests: ${summary.requests}, time: ${(summary.duration_ms / 1000).toFixed(1)} s`);
  lines.push(`Report: ${reportDir}/report.html (errors: ${reportDir}/errors.csv)`);
  return `${lines.join('\n')}\n`;
}

export function failedRows(summary: Summary): number {
  return OBJECT_TYPES.reduce((total, object) => total + summary.objects[object].failed, 0);
}

/**
 * What an unfinished run has not sent yet: those rows are in the failed column (summary.json has no other
 * place for them), so this line says which of them are only waiting, and how to send them.
 */
function notSentText(summary: Summary): string | undefined {
  const notSent = summary.not_sent;
  if (!notSent) return undefined;
  const parts = OBJECT_TYPES.filter((object) => notSent[object] > 0).map((object) =>
    countOf(notSent[object], object),
  );
  if (notSent.deal_people > 0) {
    parts.push(`${notSent.deal_people} deal–person ${notSent.deal_people === 1 ? 'link' : 'links'}`);
  }
  if (parts.length === 0) return undefined;
  const rows = OBJECT_TYPES.some((object) => notSent[object] > 0)
    ? ' (counted as failed above; NOT_SENT in errors.csv)'
    : '';
  return `  Not sent, the run stopped first${rows}: ${parts.join(', ')}.\n  Run again with the same --state to resume and send them.`;
}

/** `  Row warnings: 17 UNMAPPED_SELECT, 5 INVALID_EMAIL and 2 more — report.html lists each.` */
function warningText(warnings: readonly { code: string; count: number }[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const shown = warnings.slice(0, WARNING_CODES_SHOWN).map((warning) => `${warning.count} ${warning.code}`);
  const rest = warnings.slice(WARNING_CODES_SHOWN).reduce((sum, warning) => sum + warning.count, 0);
  const more = rest > 0 ? ` and ${rest} more` : '';
  return `  Row warnings: ${shown.join(', ')}${more} — report.html lists each.`;
}
