/** One error the API reported, normalized from JSON:API (`status` string or number) or NestJS shapes. */
export interface ApiErrorDetail {
  status: number | undefined;
  title?: string;
  detail: string;
  /** JSON pointer into the request body, e.g. `/data/3/attributes/email_addresses`. */
  pointer?: string;
  /** For bulk bodies: the index of the record the pointer names (`/data/3/...` → 3). */
  recordIndex?: number;
}

function toStatus(value: unknown, fallback: number | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim());
  return fallback;
}

export function recordIndexOf(pointer: string | undefined): number | undefined {
  if (!pointer) return undefined;
  const m = /^\/data\/(\d+)(?:\/|$)/.exec(pointer);
  return m ? Number(m[1]) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromJsonApi(e: unknown, httpStatus: number | undefined): ApiErrorDetail | undefined {
  if (!isObject(e)) return typeof e === 'string' ? { status: httpStatus, detail: e } : undefined;
  const title = typeof e.title === 'string' ? e.title : undefined;
  const detailRaw = e.detail ?? e.message ?? title;
  const detail =
    typeof detailRaw === 'string' ? detailRaw : detailRaw == null ? '' : JSON.stringify(detailRaw);
  const source = isObject(e.source) ? e.source : undefined;
  const pointer =
    typeof source?.pointer === 'string'
      ? source.pointer
      : typeof source?.parameter === 'string'
        ? `?${source.parameter}`
        : undefined;
  const out: ApiErrorDetail = { status: toStatus(e.status ?? e.code, httpStatus), detail };
  if (title !== undefined) out.title = title;
  if (pointer !== undefined) out.pointer = pointer;
  const idx = recordIndexOf(pointer);
  if (idx !== undefined) out.recordIndex = idx;
  return out;
}

/**
 * Parse any error body into details. Accepts `{errors:[{status,detail,source:{pointer}}]}`,
 * NestJS `{statusCode, message: string | string[], error}`, `{message}`, a bare string, or nothing.
 * Always returns at least one detail.
 */
export function parseErrorBody(body: unknown, httpStatus: number | undefined): ApiErrorDetail[] {
  if (isObject(body)) {
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const details = body.errors
        .map((e) => fromJsonApi(e, httpStatus))
        .filter((d): d is ApiErrorDetail => d !== undefined);
      if (details.length > 0) return details;
    }
    if ('statusCode' in body || 'message' in body || 'error' in body) {
      const status = toStatus(body.statusCode, httpStatus);
      const messages = Array.isArray(body.message) ? body.message : [body.message ?? body.error ?? ''];
      return messages.map((m) => {
        const detail = typeof m === 'string' ? m : JSON.stringify(m);
        const d: ApiErrorDetail = { status, detail };
        if (typeof body.error === 'string') d.title = body.error;
        // NestJS validation messages look like "data.3.attributes.email must be an email".
        const path = /^data\.(\d+)\./.exec(detail);
        if (path) d.recordIndex = Number(path[1]);
        return d;
      });
    }
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return [{ status: httpStatus, detail: body.trim().slice(0, 500) }];
  }
  return [{ status: httpStatus, detail: httpStatus ? `HTTP ${httpStatus}` : 'no response' }];
}
