export { Planner } from './planner.js';
export { type PlanCounts, type PlanSummary, summarizePlan } from './summary.js';
export type { ExistingRecord, PlanAction, PlannedLink, PlannedRecord, PlannerOptions } from './types.js';
export { WorkspaceIndex } from './workspace-index.js';
