import { connect } from 'node:net';

/** One request a fuzz target wants sent. */
export interface FuzzRequest {
  method: string;
  /** Already encoded path (fetch normalises it; `raw` requests send it byte for byte). */
  path: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send over a raw socket exactly as given (bad request lines, odd methods, unencoded paths). */
  raw?: string | Buffer;
}

/** What came back: a status, or nothing (connection closed, reset or timed out). */
export interface FuzzReply {
  status?: number;
  text: string;
  /** Why there was no status. */
  failure?: string;
  contentType?: string;
}

const TIMEOUT_MS = 30_000;

export function urlOf(baseUrl: string, request: FuzzRequest): string {
  const query = request.query?.length ? `?${new URLSearchParams(request.query).toString()}` : '';
  return `${baseUrl}${request.path}${query}`;
}

/** A streaming answer (watch, SSE) is read only up to its headers and a first chunk. */
function streaming(request: FuzzRequest): boolean {
  return request.path === '/watch' || request.path.startsWith('/watch?') || (request.query ?? []).some(([k]) => k === 'watch');
}

export async function send(baseUrl: string, request: FuzzRequest, port: number): Promise<FuzzReply> {
  if (request.raw !== undefined) return sendRaw(port, request.raw);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('timed out')), TIMEOUT_MS);
  try {
    const response = await fetch(urlOf(baseUrl, request), { method: request.method, headers: request.headers, body: request.body as BodyInit | undefined, signal: abort.signal });
    const contentType = response.headers.get('content-type') ?? undefined;
    if (streaming(request) && response.status === 200) {
      abort.abort(new Error('enough'));
      return { status: response.status, text: '', contentType };
    }
    return { status: response.status, text: await response.text(), contentType };
  } catch (error) {
    return { text: '', failure: String((error as Error)?.cause ?? error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Writes `bytes` on a fresh connection and reads the status line of the answer, if any. */
export function sendRaw(port: number, bytes: string | Buffer): Promise<FuzzReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      // The final status line (after any 100 Continue).
      const statuses = [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));
      const status = statuses.filter((s) => s >= 200).at(-1) ?? statuses.at(-1);
      resolve(status !== undefined ? { status, text: text.slice(0, 2000) } : { text, failure: failure ?? 'connection closed without an answer' });
    };
    socket.setTimeout(TIMEOUT_MS, () => finish('timed out'));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (/\r\n\r\n/.test(text) && text.length > 2000) finish();
    });
    socket.on('error', (error) => finish(String(error)));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.end(bytes); // half-close: a request that promised more body than it sent is answered, not left waiting
  });
}
