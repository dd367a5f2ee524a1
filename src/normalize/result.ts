/**
 * The outcome of normalizing one raw value. A failure carries a sentence a person can act on;
 * it is turned into an Issue by the caller, never thrown.
 */
export type Normalized<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ok<T>(value: T): Normalized<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: string): Normalized<T> {
  return { ok: false, reason };
}

/** Quotes a raw value for a message, shortened so one absurd cell cannot flood a report. */
export function quote(raw: string, max = 60): string {
  const shown = raw.length > max ? `${raw.slice(0, max)}…` : raw;
  return JSON.stringify(shown);
}
