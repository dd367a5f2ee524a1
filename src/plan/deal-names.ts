/**
 * Keeps deal names unique within the export, because the name is Clarify's unique key for deals:
 * two different source deals sharing a name must never be merged into one Clarify deal.
 *
 * The first deal keeps its name; each later one is renamed with the pattern (`{name}`, `{company}`,
 * `{id}` = the deal's source id, `{n}` = 2 for the second deal of that name...), then ` #2`, ` #3`...
 * while the result is still taken. Everything depends only on the order of the export, so a re-run of
 * the same export assigns the same names.
 */
export interface DealNameRequest {
  name: string;
  /** Its company's name, or the deal's source id when it has no company. */
  company: string;
  sourceId: string;
  line: number;
}

export interface DealNameResult {
  name: string;
  /** Set when renamed: the line of the deal that already had the name. */
  takenByLine?: number;
}

const PLACEHOLDER = /\{(name|company|id|n)\}/g;

export class DealNames {
  readonly #pattern: string;
  /** Final name → line of the deal that holds it. */
  readonly #taken = new Map<string, number>();
  /** Export name → how many deals have asked for it so far. */
  readonly #asked = new Map<string, number>();

  constructor(pattern: string) {
    this.#pattern = pattern;
  }

  assign(request: DealNameRequest): DealNameResult {
    const { name, line } = request;
    const n = (this.#asked.get(name) ?? 0) + 1;
    this.#asked.set(name, n);
    const holder = this.#taken.get(name);
    if (holder === undefined) {
      this.#taken.set(name, line);
      return { name };
    }
    const base = this.#render(request, n);
    let candidate = base;
    for (let k = 2; candidate === '' || this.#taken.has(candidate); k++) candidate = `${base} #${k}`;
    this.#taken.set(candidate, line);
    return { name: candidate, takenByLine: holder };
  }

  #render(request: DealNameRequest, n: number): string {
    return this.#pattern.replace(PLACEHOLDER, (_match, key: string) => {
      if (key === 'name') return request.name;
      if (key === 'company') return request.company;
      if (key === 'id') return request.sourceId;
      return String(n);
    });
  }
}
