import { createHash } from 'node:crypto';

export const APPS = '/apis/cloudnative.elide.dev/v1';

export function appsPath(namespace: string, name?: string): string {
  return `${APPS}/namespaces/${namespace}/applications${name ? `/${name}` : ''}`;
}

/** An answer, or `undefined` status when the request never got one (connection refused or reset, timeout). */
export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** The request did not get an answer: its effect is unknown (it may or may not have been applied). */
export class NoReply extends Error {
  /** The connection was refused: the request was never sent, so it certainly had no effect. */
  readonly refused: boolean;

  constructor(readonly reason: unknown) {
    const cause = (reason as { cause?: { code?: string; message?: string } })?.cause;
    super(`no reply: ${cause ? `${cause.code ?? ''} ${cause.message ?? ''}`.trim() : String(reason)}`);
    this.refused = ((reason as { cause?: { code?: string } })?.cause?.code ?? '') === 'ECONNREFUSED';
  }
}

/**
 * A JSON-over-HTTP client for one base URL (undici keep-alive via fetch). Never throws for an
 * HTTP status; throws NoReply when there was no answer.
 */
export class Api {
  constructor(
    public baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers }, signal: AbortSignal.timeout(this.timeoutMs) };
    if (body !== undefined) {
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl + path, init);
      text = await response.text();
    } catch (error) {
      throw new NoReply(error);
    }
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body: unknown, contentType = 'application/merge-patch+json') {
    return this.request<T>('PATCH', path, body, { 'content-type': contentType });
  }
  delete<T = any>(path: string, body?: unknown) {
    return this.request<T>('DELETE', path, body);
  }

  /** True when `GET /healthz` answers 200. */
  async healthy(): Promise<boolean> {
    try {
      return (await this.get('/healthz')).status === 200;
    } catch {
      return false;
    }
  }
}

export function application(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'cloudnative.elide.dev/v1',
    kind: 'Application',
    metadata: { name, ...metadata },
    spec: { image: 'nginx:1.25', replicas: 1, ...spec },
  };
}

/** A stable hash of what a client wrote and must read back: spec, labels and annotations. */
export function contentHash(object: any): string {
  const content = { spec: object?.spec, labels: object?.metadata?.labels ?? {}, annotations: object?.metadata?.annotations ?? {} };
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so equal documents hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
