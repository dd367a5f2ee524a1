import type { ObjectType } from '../core/objects.js';

/** One example row of a group, trimmed to a bounded size for the HTML report. */
export interface GroupExample {
  object: ObjectType;
  file: string;
  line: number;
  sourceId: string;
  /** What was wrong with this row (its reason or issue message). */
  message: string;
  column?: string;
  value?: string;
  values: Array<[string, string]>;
}

export interface IssueGroup {
  code: string;
  /** The message with row-specific parts blanked out (see messagePattern). */
  pattern: string;
  count: number;
  byObject: Partial<Record<ObjectType, number>>;
  examples: GroupExample[];
}

export const OTHER_GROUP_CODE = 'OTHER';

/**
 * Counts rows per group and keeps a few examples of each, in bounded memory: at most `maxGroups` distinct
 * groups (later new groups are folded into one "other" group) and `maxExamples` examples per group.
 */
export class IssueGroups {
  private readonly groups = new Map<string, IssueGroup>();
  private other: IssueGroup | undefined;

  constructor(
    private readonly maxGroups = 200,
    private readonly maxExamples = 5,
  ) {}

  add(code: string, pattern: string, object: ObjectType, example: () => GroupExample): void {
    const key = `${code}\u0000${pattern}`;
    let group = this.groups.get(key);
    if (!group) {
      if (this.groups.size >= this.maxGroups) {
        this.other ??= {
          code: OTHER_GROUP_CODE,
          pattern: 'Other reasons (too many different reasons to list them all; see errors.csv)',
          count: 0,
          byObject: {},
          examples: [],
        };
        group = this.other;
      } else {
        group = { code, pattern, count: 0, byObject: {}, examples: [] };
        this.groups.set(key, group);
      }
    }
    group.count += 1;
    group.byObject[object] = (group.byObject[object] ?? 0) + 1;
    if (group.examples.length < this.maxExamples) group.examples.push(example());
  }

  /** Largest groups first; the "other" group last. */
  list(): IssueGroup[] {
    const sorted = [...this.groups.values()].sort(
      (a, b) => b.count - a.count || a.code.localeCompare(b.code) || a.pattern.localeCompare(b.pattern),
    );
    return this.other ? [...sorted, this.other] : sorted;
  }

  total(): number {
    let sum = this.other?.count ?? 0;
    for (const group of this.groups.values()) sum += group.count;
    return sum;
  }
}
