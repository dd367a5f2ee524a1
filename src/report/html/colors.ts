import type { RowAction } from '../../core/records.js';

/** One colour per outcome, used by the table badges, the bar chart and its legend alike. */
export const ACTION_COLORS: Record<RowAction, string> = {
  created: '#16a34a',
  updated: '#2563eb',
  unchanged: '#94a3b8',
  skipped: '#d97706',
  failed: '#dc2626',
};

export const ACTION_LABELS: Record<RowAction, string> = {
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  failed: 'Failed',
};

export const OBJECT_LABELS = { company: 'Companies', person: 'People', deal: 'Deals' } as const;

/** In a plan nothing happened yet: the same outcomes, worded as what the run would do. */
export const PLANNED_ACTION_LABELS: Record<RowAction, string> = {
  created: 'To create',
  updated: 'To update',
  unchanged: 'Unchanged',
  skipped: 'To skip',
  failed: 'Will fail',
};
