import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

/** A sandbox on an ephemeral loopback port plus a tiny fetch wrapper that speaks its API. */
export interface Harness {
  sandbox: RunningSandbox;
  /** `/v1/workspaces/demo` URL. */
  base: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected ad hoc
  body: any;
  text: string;
}

export const KEY = 'sandbox-key';
export const AUTH = { authorization: `api-key ${KEY}` };

export async function harness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const base = `${sandbox.url}/workspaces/${options.workspace ?? 'demo'}`;
  const call: Harness['call'] = async (method, path, body, headers) => {
    const init: RequestInit = { method, headers: { ...AUTH, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const url = path.startsWith('http') ? path : `${base}${path}`;
    const response = await fetch(url, init);
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return { sandbox, base, call };
}

export const person = (attributes: Record<string, unknown>) => ({ type: 'person', attributes });
export const company = (attributes: Record<string, unknown>) => ({ type: 'company', attributes });
export const deal = (attributes: Record<string, unknown>) => ({ type: 'deal', attributes });
export const emails = (...items: string[]) => ({ items });

/** Every resource of an object, read through the API page by page. */
export async function listAll(h: Harness, object: string, query = ''): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | null = `${h.base}/objects/${object}/resources?page[limit]=500${query}`;
  while (url) {
    const reply: Reply = await h.call('GET', url);
    if (reply.status !== 200) throw new Error(`list ${object}: ${reply.status} ${reply.text}`);
    out.push(...reply.body.data);
    url = reply.body.links.next;
  }
  return out;
}
