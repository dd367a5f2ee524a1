/** Request counters. Every HTTP request sent is counted, retries included. */
export interface EndpointStats {
  requests: number;
  retries: number;
  throttled: number;
  failures: number;
}

export interface ClientStats {
  /** HTTP requests sent (first attempts and retries). */
  requests: number;
  retries: number;
  /** 429 responses. */
  throttled: number;
  timeouts: number;
  networkErrors: number;
  serverErrors: number;
  uncertain: number;
  byStatus: Record<string, number>;
  /** Keyed by "METHOD /path/pattern", e.g. "POST /objects/person/records/bulk". */
  byEndpoint: Record<string, EndpointStats>;
  concurrency: number;
  maxInFlight: number;
  concurrencyDecreases: number;
}

export type MutableStats = Omit<ClientStats, 'concurrency' | 'maxInFlight' | 'concurrencyDecreases'>;

export function emptyStats(): MutableStats {
  return {
    requests: 0,
    retries: 0,
    throttled: 0,
    timeouts: 0,
    networkErrors: 0,
    serverErrors: 0,
    uncertain: 0,
    byStatus: {},
    byEndpoint: {},
  };
}

export function endpointStats(stats: MutableStats, endpoint: string): EndpointStats {
  let s = stats.byEndpoint[endpoint];
  if (!s) {
    s = { requests: 0, retries: 0, throttled: 0, failures: 0 };
    stats.byEndpoint[endpoint] = s;
  }
  return s;
}
