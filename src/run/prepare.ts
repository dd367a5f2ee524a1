import type { Issue } from '../core/issues.js';
import type { Mapping } from '../core/mapping.js';
import { OBJECT_TYPES } from '../core/objects.js';
import type { ExportFile, SourceName } from '../core/source-adapter.js';
import { type PlannedLink, type PlannedRecord, Planner, WorkspaceIndex } from '../plan/index.js';
import { inspectCsv } from '../read/index.js';
import { createAdapter, detectSource } from '../sources/index.js';
import { checkMappingAgainstSchema } from './check-mapping.js';
import { expandInputPaths, fingerprintInputs } from './input-files.js';
import type { Journal } from './journal.js';
import { discardPartialPlan, PlanFileWriter } from './plan-file.js';
import type { SnapshotApi } from './snapshot-port.js';
import { openSourceEvents } from './source-thread.js';
import { assertUsableFiles } from './unusable-files.js';

export interface PrepareInput {
  paths: string[];
  source?: SourceName;
  mapping: Mapping;
  batchSize: number;
  mode: 'plan' | 'run';
  /**
   * Where the planned rows go: the journal (a run executes them from there; verify reads them back), or
   * `<state>/plan.jsonl` with only the counts in the journal (a plan only reports them). Default: journal.
   */
  store?: 'journal' | 'file';
  /** API URL and workspace, for the journal and the report (never the key). */
  target: string;
  onStage?: (stage: string) => void;
  /**
   * Each planned row once it is stored, in source order (a plan reports it at once). A promise, when it
   * returns one, is awaited before the next row.
   */
  onPlanned?: (record: PlannedRecord) => Promise<void> | undefined;
}

export interface PreparedRun {
  runId: number;
  source: SourceName;
  fileIssues: Issue[];
}

/** Codes that say the same thing for every row; they are kept once per file/attribute, not per row. */
const FILE_LEVEL_CODES = new Set(['UNKNOWN_COLUMN']);
const COMMIT_EVERY = 20_000;

/** Where planned rows go as they are planned, and the links once all rows are. */
interface PlanStore {
  add(record: PlannedRecord): void;
  finish(links: PlannedLink[]): void;
  /** After a failure: keeps what is durable, drops what is half-written. */
  abandon(): void;
}

/** Row by row into the journal, committed every COMMIT_EVERY rows. */
function journalStore(journal: Journal, runId: number, batchSize: number, mode: 'plan' | 'run'): PlanStore {
  const write = journal.recordWriter(runId, batchSize, { raw: mode === 'run' ? 'all' : 'problems' });
  let pending = 0;
  journal.setPlanningDurability(true);
  journal.begin();
  return {
    add(record) {
      write(record);
      if (++pending >= COMMIT_EVERY) {
        journal.commit();
        journal.begin();
        pending = 0;
      }
    },
    finish(links) {
      journal.commit();
      journal.writeLinks(runId, links);
      journal.setPlanningDurability(false);
    },
    abandon() {
      journal.commit();
      journal.setPlanningDurability(false);
    },
  };
}

/** Into plan.jsonl, with the counts into the journal once the plan is complete. */
function planFileStore(journal: Journal, runId: number, batchSize: number): PlanStore {
  const file = PlanFileWriter.open(journal.stateDir, runId, batchSize);
  return {
    add: (record) => file.add(record),
    finish(links) {
      file.addLinks(links);
      file.finish();
      journal.setPlanTotals(runId, file.totals());
    },
    abandon: () => discardPartialPlan(journal.stateDir),
  };
}

/**
 * Reads the exports, snapshots the workspace and writes the plan into the journal: the one path from files to
 * planned records that both `plan` and `run` take. Nothing is written to the workspace here.
 */
export async function preparePlan(
  journal: Journal,
  api: SnapshotApi,
  input: PrepareInput,
): Promise<PreparedRun> {
  const fileIssues: Issue[] = [];
  const seenFileIssues = new Set<string>();
  const addFileIssue = (issue: Issue) => {
    const key = `${issue.code}|${issue.file ?? ''}|${issue.object ?? ''}|${issue.column ?? ''}|${issue.message}`;
    if (seenFileIssues.has(key)) return;
    seenFileIssues.add(key);
    fileIssues.push(issue);
  };

  input.onStage?.('reading export headers');
  const paths = expandInputPaths(input.paths);
  const files: ExportFile[] = [];
  for (const path of paths) {
    const info = await inspectCsv(path, { onIssue: addFileIssue });
    files.push({ path, headers: info.headers, format: info.format });
  }
  assertUsableFiles(files, fileIssues);
  const detected = detectSource(files, input.source ?? input.mapping.source, input.mapping);
  for (const issue of detected.issues) addFileIssue(issue);
  const adapter = createAdapter(detected.adapter.name, input.mapping);
  const usable = files.filter((file) => file.headers.length > 0);

  input.onStage?.('reading the workspace schema');
  const schema = await api.getSchema();
  checkMappingAgainstSchema(input.mapping, schema);
  // The reader starts now, so it boots and reads ahead while the workspace is snapshotted.
  // A run journals every row's original values (errors.csv shows them if the API refuses the row); a plan
  // keeps them only for the rows it skips or fails.
  const events = openSourceEvents(
    { files: usable, adapter: adapter.name, mapping: input.mapping, schema },
    { rawValues: input.mode === 'run' ? 'eager' : 'lazy' },
  );
  try {
    input.onStage?.('snapshotting the workspace');
    const index = new WorkspaceIndex();
    for (const object of OBJECT_TYPES) {
      for await (const record of api.listAll(object)) index.add(object, record);
    }

    const runId = journal.startRun({
      mode: input.mode,
      source: adapter.name,
      inputs: fingerprintInputs(paths),
      target: input.target,
    });
    const mapped = new Set(OBJECT_TYPES.filter((object) => journal.hasMappedIds(object)));
    const planner = new Planner(index, {
      dealRename: input.mapping.options.deal_rename,
      // One query per row only when an earlier run left ids to find.
      knownId: (object, sourceId) => (mapped.has(object) ? journal.clarifyIdOf(object, sourceId) : undefined),
    });
    const store =
      input.store === 'file'
        ? planFileStore(journal, runId, input.batchSize)
        : journalStore(journal, runId, input.batchSize, input.mode);

    input.onStage?.(events.threaded ? 'planning (exports read on a second thread)' : 'planning');
    try {
      for await (const batch of events) {
        for (const event of batch) {
          if (event.kind === 'issue') {
            addFileIssue(event.issue);
            continue;
          }
          if (event.kind === 'link') {
            planner.addLink(event.link);
            continue;
          }
          const planned =
            event.kind === 'skip' ? planner.addSkip(event.skip) : planner.addRecord(event.record);
          if (planned.issues.length > 0) {
            planned.issues = planned.issues.filter((issue) => {
              if (!FILE_LEVEL_CODES.has(issue.code)) return true;
              addFileIssue({ ...issue, line: undefined, sourceId: undefined, value: undefined });
              return false;
            });
          }
          store.add(planned);
          // Only a report write that must wait for the disk is awaited, not every row.
          const reported = input.onPlanned?.(planned);
          if (reported) await reported;
        }
      }
      store.finish(planner.links());
    } catch (error) {
      store.abandon();
      throw error;
    }
    journal.setFileIssues(runId, fileIssues);
    journal.setRunStatus(runId, 'planned');
    return { runId, source: adapter.name, fileIssues };
  } finally {
    await events.close();
  }
}
