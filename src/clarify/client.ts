import { ImportError } from '../core/errors.js';
import type { ObjectType } from '../core/objects.js';
import type { Attributes, WorkspaceSchema } from '../core/schema.js';
import { ApiError, UncertainOutcome } from './errors.js';
import type { HttpResponse } from './http-types.js';
import { Pacer, type PacerSnapshot } from './pacer.js';
import { nextPage, type PageBody, type PageCursor } from './pagination.js';
import { attributeMatches, type ClarifyRecord, type Filter, toRecord } from './records.js';
import { createRequester, type RequestInfo } from './requester.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { parseWorkspaceSchema, schemaObjectNames } from './schema.js';
import { type ClientStats, emptyStats } from './stats.js';
import { createTransport } from './transport.js';
import { assertSafeBaseUrl, encodeQuery, type QueryParams, rebaseLink } from './url.js';

export interface ClientConfig {
  /** API base including /v1, e.g. https://api.clarify.ai/v1. Must be https or loopback http. */
  baseUrl: string;
  workspace: string;
  apiKey: string;
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number;
  /** Cap on requests per second (all endpoints). Default: as fast as the API allows. */
  maxRps?: number;
  /** Cap on requests in flight. Default 16. */
  concurrency?: number;
  /** Starting concurrency before AIMD adapts. Default 4 (or the cap, if lower). */
  initialConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Called after every HTTP attempt (never with headers or the key). */
  onRequest?: (info: RequestInfo) => void;
  /** Aborts queued and in-flight requests. */
  signal?: AbortSignal;
}

/** Object slug: the three import objects or a custom `c_…` object. */
export type ObjectSlug = ObjectType | (string & {});

export interface ListOptions {
  /** Default 500 (the largest the live API accepts); falls back to 100, then 25, on a 400 about the limit. */
  pageSize?: number;
  filters?: Filter[];
  sort?: { column: string; dir?: 'ASC' | 'DESC' };
}

export interface SchemaResult {
  schema: WorkspaceSchema;
  /** The response bodies, one per page, as received. */
  raw: unknown[];
  /** Every object slug the workspace declares (custom objects included). */
  objects: string[];
}

export interface ClarifyClient {
  getSchemas(): Promise<SchemaResult>;
  /** Pages of records, following the API's pagination robustly. */
  listPages(object: ObjectSlug, options?: ListOptions): AsyncIterable<ClarifyRecord[]>;
  /** Every record, page after page. */
  listAll(object: ObjectSlug, options?: ListOptions): AsyncIterable<ClarifyRecord>;
  /** Records whose unique field holds `value` exactly (emails and domains compared without case). */
  findByUniqueKey(object: ObjectSlug, field: string, value: string): Promise<ClarifyRecord[]>;
  /** Records whose text fields equal all the given values exactly (`filter[f][Is]=v`, ANDed). */
  findByFilters(object: ObjectSlug, fields: Record<string, string>): Promise<ClarifyRecord[]>;
  /** undefined when the record does not exist (404). */
  getRecord(object: ObjectSlug, id: string): Promise<ClarifyRecord | undefined>;
  /** Not idempotent: may reject with UncertainOutcome. */
  createRecord(
    object: ObjectSlug,
    attributes: Attributes,
    options?: { matchOn?: string },
  ): Promise<ClarifyRecord>;
  /** Atomic bulk create; resolves the new ids in input order. Not idempotent: may reject with UncertainOutcome. */
  bulkCreate(
    object: ObjectSlug,
    attributesList: Attributes[],
    options?: { matchOn?: string },
  ): Promise<string[]>;
  bulkUpdate(
    object: ObjectSlug,
    items: { id: string; attributes: Attributes }[],
    options?: { meta?: Record<string, unknown> },
  ): Promise<ClarifyRecord[]>;
  updateRecord(object: ObjectSlug, id: string, attributes: Attributes): Promise<ClarifyRecord | undefined>;
  /** 'not_found' when the record is already gone (e.g. a retried delete whose first answer was lost). */
  deleteRecord(object: ObjectSlug, id: string): Promise<'deleted' | 'not_found'>;
  bulkDelete(object: ObjectSlug, ids: string[]): Promise<void>;
  getRelationship(object: ObjectSlug, id: string, relationship: string): Promise<string[]>;
  /** Replaces the relationship's set with `ids`. */
  patchRelationship(
    object: ObjectSlug,
    id: string,
    relationship: string,
    ids: string[],
    targetType?: string,
  ): Promise<void>;
  /** Removes only the listed ids from the relationship. */
  deleteRelationship(
    object: ObjectSlug,
    id: string,
    relationship: string,
    ids: string[],
    targetType?: string,
  ): Promise<void>;
  stats(): ClientStats;
  pacing(): PacerSnapshot;
}

const PAGE_SIZES = [500, 100, 25];
const COLLECTION_FIELDS = new Set(['email_addresses', 'domains', 'phone_numbers']);
const RELATIONSHIP_TARGET: Record<string, string> = {
  people: 'person',
  persons: 'person',
  companies: 'company',
  company_id: 'company',
  deals: 'deal',
  meetings: 'meeting',
  tasks: 'task',
};

function targetOf(relationship: string): string {
  return RELATIONSHIP_TARGET[relationship] ?? relationship.replace(/ies$/, 'y').replace(/s$/, '');
}

function slug(object: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(object))
    throw new ImportError('USAGE', `Not a Clarify object: ${JSON.stringify(object)}`);
  return object;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Is this 400 about the page size? (Then a smaller page may work.) */
function isPageLimitError(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.status !== 400) return false;
  return err.details.some((d) => /limit|page|size|maximum|max/i.test(`${d.detail} ${d.pointer ?? ''}`));
}

export function createClient(config: ClientConfig): ClarifyClient {
  const base = assertSafeBaseUrl(config.baseUrl);
  if (!config.workspace || !/^[A-Za-z0-9_.~-]+$/.test(config.workspace)) {
    throw new ImportError('CONFIG', 'A workspace slug is required (letters, digits, - and _)');
  }
  if (!config.apiKey || /[\r\n]/.test(config.apiKey)) {
    throw new ImportError('CONFIG', 'An API key is required', {
      hint: 'Set CLARIFY_API_KEY or --api-key-file',
    });
  }
  const apiKey = config.apiKey;
  const redact = (text: string): string => {
    let out = text.split(apiKey).join('[redacted]');
    const encoded = encodeURIComponent(apiKey);
    if (encoded !== apiKey) out = out.split(encoded).join('[redacted]');
    return out;
  };
  const root = `${base.origin}${base.pathname}/workspaces/${encodeURIComponent(config.workspace)}`;
  const pacerOptions: ConstructorParameters<typeof Pacer>[0] = {};
  if (config.concurrency !== undefined) pacerOptions.maxConcurrency = config.concurrency;
  if (config.initialConcurrency !== undefined) pacerOptions.initialConcurrency = config.initialConcurrency;
  if (config.maxRps !== undefined) pacerOptions.maxRps = config.maxRps;
  if (config.signal) pacerOptions.signal = config.signal;
  const pacer = new Pacer(pacerOptions);
  const stats = emptyStats();
  const requesterDeps: Parameters<typeof createRequester>[0] = {
    transport: createTransport(apiKey),
    pacer,
    policy: resolveRetryPolicy(config.retry),
    stats,
    timeoutMs: config.timeoutMs ?? 30_000,
    redact,
  };
  if (config.signal) requesterDeps.signal = config.signal;
  if (config.onRequest) requesterDeps.onRequest = config.onRequest;
  const request = createRequester(requesterDeps);
  let pageSizeIndex = 0;

  const url = (path: string, query: QueryParams = []) => `${root}${path}${encodeQuery(query)}`;

  function dataArray(response: HttpResponse): unknown[] {
    const body = response.body;
    if (isObj(body) && Array.isArray(body.data)) return body.data;
    return [];
  }

  function dataRecord(response: HttpResponse): ClarifyRecord | undefined {
    const body = response.body;
    return isObj(body) ? toRecord(body.data) : undefined;
  }

  function filterParams(filters: Filter[] = []): [string, string][] {
    return filters.map((f) => [f.op ? `filter[${f.field}][${f.op}]` : `filter[${f.field}]`, f.value]);
  }

  async function* listPages(object: ObjectSlug, options: ListOptions = {}): AsyncGenerator<ClarifyRecord[]> {
    const o = slug(object);
    const endpoint = `GET /objects/${o}/resources`;
    const extra: [string, string][] = filterParams(options.filters);
    if (options.sort) {
      extra.push(['sortOrder[column]', options.sort.column], ['sortOrder[dir]', options.sort.dir ?? 'ASC']);
    }
    const first = (size: number): PageCursor => ({
      url: url(`/objects/${o}/resources`, [['page[limit]', size], ['page[offset]', 0], ...extra]),
      offset: 0,
    });
    // The first page settles the page size: 500 unless the server refuses it (then 100, then 25).
    let pageSize = options.pageSize ?? PAGE_SIZES[pageSizeIndex]!;
    let response: HttpResponse;
    let cursor = first(pageSize);
    for (;;) {
      try {
        response = await request({ method: 'GET', url: cursor.url, endpoint, idempotent: true });
        break;
      } catch (err) {
        const smaller = PAGE_SIZES.find((s) => s < pageSize);
        if (!isPageLimitError(err) || smaller === undefined) throw err;
        pageSize = smaller;
        if (options.pageSize === undefined) pageSizeIndex = PAGE_SIZES.indexOf(smaller);
        cursor = first(pageSize);
      }
    }
    let fetched = 0;
    const seen = new Set<string>([cursor.url]);
    for (;;) {
      const records = dataArray(response)
        .map(toRecord)
        .filter((r): r is ClarifyRecord => r !== undefined);
      fetched += dataArray(response).length;
      if (records.length > 0) yield records;
      const next = nextPage(response.body as PageBody, cursor, pageSize, fetched, base);
      if (!next || seen.has(next.url)) return;
      seen.add(next.url);
      cursor = next;
      response = await request({ method: 'GET', url: cursor.url, endpoint, idempotent: true });
    }
  }

  async function* listAll(object: ObjectSlug, options?: ListOptions): AsyncGenerator<ClarifyRecord> {
    for await (const page of listPages(object, options)) yield* page;
  }

  async function collect(object: ObjectSlug, filters: Filter[]): Promise<ClarifyRecord[]> {
    const out: ClarifyRecord[] = [];
    for await (const r of listAll(object, { filters })) out.push(r);
    return out;
  }

  /** Filter with an operator; if the server refuses the operator (400), retry the bare `filter[f]=v` form. */
  async function filtered(object: ObjectSlug, filters: Filter[]): Promise<ClarifyRecord[]> {
    try {
      return await collect(object, filters);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400 || isPageLimitError(err)) throw err;
      return collect(
        object,
        filters.map(({ field, value }) => ({ field, value })),
      );
    }
  }

  const client: ClarifyClient = {
    async getSchemas() {
      const raw: unknown[] = [];
      const seen = new Set<string>();
      let next: string | undefined = url('/schemas');
      while (next && !seen.has(next) && raw.length < 100) {
        seen.add(next);
        const current: string = next;
        const response = await request({
          method: 'GET',
          url: current,
          endpoint: 'GET /schemas',
          idempotent: true,
        });
        raw.push(response.body);
        const link =
          isObj(response.body) && isObj(response.body.links) ? response.body.links.next : undefined;
        next = typeof link === 'string' && link !== '' ? rebaseLink(link, base, current) : undefined;
      }
      return { schema: parseWorkspaceSchema(raw), raw, objects: schemaObjectNames(raw) };
    },

    listPages,
    listAll,

    async findByUniqueKey(object, field, value) {
      const collection = COLLECTION_FIELDS.has(field);
      const records = await filtered(object, [{ field, op: collection ? 'Contains' : 'Is', value }]);
      return records.filter((r) => attributeMatches(r.attributes[field], value, collection));
    },

    async findByFilters(object, fields) {
      const entries = Object.entries(fields);
      if (entries.length === 0) throw new ImportError('USAGE', 'findByFilters needs at least one field');
      const records = await filtered(
        object,
        entries.map(([field, value]) => ({ field, op: 'Is', value })),
      );
      return records.filter((r) => entries.every(([f, v]) => attributeMatches(r.attributes[f], v, false)));
    },

    async getRecord(object, id) {
      const o = slug(object);
      try {
        const response = await request({
          method: 'GET',
          url: url(`/objects/${o}/records/${encodeURIComponent(id)}`),
          endpoint: `GET /objects/${o}/records/{id}`,
          idempotent: true,
        });
        return dataRecord(response);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return undefined;
        throw err;
      }
    },

    async createRecord(object, attributes, options = {}) {
      const o = slug(object);
      const endpoint = `POST /objects/${o}/records`;
      const body: Record<string, unknown> = { data: { type: o, attributes } };
      if (options.matchOn) body.match_on = options.matchOn;
      const response = await request({
        method: 'POST',
        url: url(`/objects/${o}/records`),
        endpoint,
        body,
        idempotent: false,
      });
      const record = dataRecord(response);
      if (!record) throw unreadable(endpoint, 'no record id in the response');
      return record;
    },

    async bulkCreate(object, attributesList, options = {}) {
      const o = slug(object);
      if (attributesList.length === 0) return [];
      const endpoint = `POST /objects/${o}/records/bulk`;
      const body: Record<string, unknown> = {
        data: attributesList.map((attributes) => ({ type: o, attributes })),
      };
      if (options.matchOn) body.match_on = options.matchOn;
      const response = await request({
        method: 'POST',
        url: url(`/objects/${o}/records/bulk`),
        endpoint,
        body,
        idempotent: false,
      });
      const data = dataArray(response);
      const ids = data.map((d) => toRecord(d)?.id);
      if (ids.length !== attributesList.length || ids.some((id) => id === undefined)) {
        throw unreadable(
          endpoint,
          `expected ${attributesList.length} ids, got ${ids.filter(Boolean).length}`,
        );
      }
      return ids as string[];
    },

    async bulkUpdate(object, items, options = {}) {
      const o = slug(object);
      if (items.length === 0) return [];
      const body: Record<string, unknown> = {
        data: items.map(({ id, attributes }) => ({ id, type: o, attributes })),
      };
      if (options.meta) body.meta = options.meta;
      const response = await request({
        method: 'PATCH',
        url: url(`/objects/${o}/records`),
        endpoint: `PATCH /objects/${o}/records`,
        body,
        idempotent: true,
      });
      return dataArray(response)
        .map(toRecord)
        .filter((r): r is ClarifyRecord => r !== undefined);
    },

    async updateRecord(object, id, attributes) {
      const o = slug(object);
      const response = await request({
        method: 'PATCH',
        url: url(`/objects/${o}/records/${encodeURIComponent(id)}`),
        endpoint: `PATCH /objects/${o}/records/{id}`,
        body: { data: { id, type: o, attributes } },
        idempotent: true,
      });
      return dataRecord(response);
    },

    async deleteRecord(object, id) {
      const o = slug(object);
      try {
        await request({
          method: 'DELETE',
          url: url(`/objects/${o}/records/${encodeURIComponent(id)}`),
          endpoint: `DELETE /objects/${o}/records/{id}`,
          idempotent: true,
        });
        return 'deleted';
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return 'not_found';
        throw err;
      }
    },

    async bulkDelete(object, ids) {
      const o = slug(object);
      if (ids.length === 0) return;
      await request({
        method: 'DELETE',
        url: url(`/objects/${o}/records`),
        endpoint: `DELETE /objects/${o}/records`,
        body: { items: ids },
        idempotent: true,
      });
    },

    async getRelationship(object, id, relationship) {
      const o = slug(object);
      const rel = slug(relationship);
      const endpoint = `GET /objects/${o}/records/{id}/relationships/${rel}`;
      const ids: string[] = [];
      let cursor: PageCursor | undefined = {
        url: url(`/objects/${o}/records/${encodeURIComponent(id)}/relationships/${rel}`),
        offset: 0,
      };
      const seen = new Set<string>();
      while (cursor && !seen.has(cursor.url)) {
        seen.add(cursor.url);
        const response = await request({ method: 'GET', url: cursor.url, endpoint, idempotent: true });
        const body = response.body;
        // To-one relationships answer with a single resource identifier (or null).
        const data = isObj(body) ? body.data : undefined;
        const items = Array.isArray(data) ? data : data ? [data] : [];
        for (const item of items) {
          if (isObj(item) && (typeof item.id === 'string' || typeof item.id === 'number'))
            ids.push(String(item.id));
        }
        // Relationship lists have no page size we chose; only follow explicit next links.
        const links = isObj(body) && isObj(body.links) ? body.links : undefined;
        cursor =
          links && typeof links.next === 'string' && items.length > 0
            ? nextPage(body as PageBody, cursor, items.length, ids.length, base)
            : undefined;
      }
      return ids;
    },

    async patchRelationship(object, id, relationship, ids, targetType) {
      const o = slug(object);
      const rel = slug(relationship);
      const type = targetType ?? targetOf(rel);
      await request({
        method: 'PATCH',
        url: url(`/objects/${o}/records/${encodeURIComponent(id)}/relationships/${rel}`),
        endpoint: `PATCH /objects/${o}/records/{id}/relationships/${rel}`,
        body: { data: ids.map((x) => ({ id: x, type })) },
        idempotent: true,
      });
    },

    async deleteRelationship(object, id, relationship, ids, targetType) {
      const o = slug(object);
      const rel = slug(relationship);
      const type = targetType ?? targetOf(rel);
      if (ids.length === 0) return;
      await request({
        method: 'DELETE',
        url: url(`/objects/${o}/records/${encodeURIComponent(id)}/relationships/${rel}`),
        endpoint: `DELETE /objects/${o}/records/{id}/relationships/${rel}`,
        body: { data: ids.map((x) => ({ id: x, type })) },
        idempotent: true,
      });
    },

    stats() {
      const p = pacer.snapshot();
      return {
        ...structuredClone(stats),
        concurrency: p.concurrency,
        maxInFlight: p.maxInFlight,
        concurrencyDecreases: p.decreases,
      };
    },

    pacing() {
      return pacer.snapshot();
    },
  };
  return client;

  /** A 2xx to a create that we cannot read: it was applied, but we do not know the ids. */
  function unreadable(endpoint: string, why: string): UncertainOutcome {
    stats.uncertain++;
    return new UncertainOutcome({
      reason: 'bad_response',
      endpoint,
      attempts: 1,
      message: `${endpoint}: applied but the response is unusable (${why}); look the records up by unique key`,
    });
  }
}
