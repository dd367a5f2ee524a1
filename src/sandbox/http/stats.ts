/** What the sandbox saw: tests assert on request counts and on the faults actually injected. */
export interface SandboxStats {
  requests: number;
  /** Keyed `METHOD route-pattern`, e.g. `POST /objects/:object/records/bulk`. */
  byRoute: Record<string, number>;
  /** Keyed by status code; `lost` counts responses dropped on purpose. */
  byStatus: Record<string, number>;
  faults: { serverErrors: number; lostResponses: number; rateLimited: number };
}

export class StatsRecorder {
  private stats: SandboxStats = StatsRecorder.empty();

  private static empty(): SandboxStats {
    return {
      requests: 0,
      byRoute: {},
      byStatus: {},
      faults: { serverErrors: 0, lostResponses: 0, rateLimited: 0 },
    };
  }

  request(route: string, status: string): void {
    this.stats.requests += 1;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
  }

  fault(kind: keyof SandboxStats['faults']): void {
    this.stats.faults[kind] += 1;
  }

  snapshot(): SandboxStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.empty();
  }
}
