/**
 * The outcome of normalizing one raw value. A failure carries a sentence a person can act on;
 * it is turned into an Issue by the caller, never thrown.
 */
export type Normalized<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

export function ok<T>(value: T): Normalized<T> {
  return { ok: true, value };
}

/**
 * A value that is kept, but whose reading depends on a convention the export may not follow: the caller
 * sends it and reports the warning, which says how it was read and what to set if that is wrong.
 */
export function okButWarn<T>(value: T, warning: string): Normalized<T> {
  return { ok: true, value, warning };
}

export function fail<T = never>(reason: string): Normalized<T> {
  return { ok: false, reason };
}

/** Quotes a raw value for a message, shortened so one absurd cell cannot flood a report. */
export function quote(raw: string, max = 60): string {
  const shown = raw.length > max ? `${raw.slice(0, max)}…` : raw;
  return JSON.stringify(shown);
}
