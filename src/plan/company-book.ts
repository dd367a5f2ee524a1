import type { PlanAction } from './types.js';

/** What the planner remembers about a company row: enough to link its people and deals. */
export interface CompanyState {
  sourceId: string;
  line: number;
  /** The company name from the export ('' when it has none). */
  name: string;
  /** How messages and `{company}` name it: its name, else its first domain, else its source id. */
  label: string;
  action: PlanAction;
  /** The matched workspace company (update/unchanged). */
  clarifyId?: string;
  /** skip/fail: why. */
  reason?: string;
  /** A duplicate merged into this company (source id of the kept row). */
  aliasOf?: string;
  /** Registered from an adapter skip: a later record with the same source id replaces it. */
  fromSkip?: boolean;
  /** Skipped as a catch-all (a placeholder such as "Unknown"): its people and deals are linked to no company. */
  catchAll?: boolean;
}

export class CompanyBook {
  readonly #bySource = new Map<string, CompanyState>();
  /** Domain → source id of the company row that holds it. */
  readonly #domainOwner = new Map<string, string>();
  /** Clarify id → source id of the company row matched to it. */
  readonly #claimed = new Map<string, string>();

  /** An earlier company *record* (not adapter skip) with this source id. */
  record(sourceId: string): CompanyState | undefined {
    const state = this.#bySource.get(sourceId);
    return state && !state.fromSkip ? state : undefined;
  }

  set(state: CompanyState): void {
    const current = this.#bySource.get(state.sourceId);
    if (current && !current.fromSkip) return;
    if (current && state.fromSkip) return;
    this.#bySource.set(state.sourceId, state);
  }

  /** The row as planned, after merges; undefined when the export has no company with this id. */
  resolve(sourceId: string): CompanyState | undefined {
    return this.follow(this.#bySource.get(sourceId));
  }

  /** The row a company row was merged into (itself when it was not). */
  follow(row: CompanyState | undefined): CompanyState | undefined {
    let state = row;
    for (let hops = 0; state?.aliasOf !== undefined && hops < 100; hops++) {
      state = this.#bySource.get(state.aliasOf);
    }
    return state;
  }

  /** The company row itself (not following merges). */
  get(sourceId: string): CompanyState | undefined {
    return this.#bySource.get(sourceId);
  }

  domainOwner(domain: string): CompanyState | undefined {
    const owner = this.#domainOwner.get(domain);
    return owner === undefined ? undefined : this.resolve(owner);
  }

  ownDomain(domain: string, sourceId: string): void {
    if (!this.#domainOwner.has(domain)) this.#domainOwner.set(domain, sourceId);
  }

  claimedBy(clarifyId: string): CompanyState | undefined {
    const owner = this.#claimed.get(clarifyId);
    return owner === undefined ? undefined : this.resolve(owner);
  }

  claim(clarifyId: string, sourceId: string): void {
    if (!this.#claimed.has(clarifyId)) this.#claimed.set(clarifyId, sourceId);
  }
}
