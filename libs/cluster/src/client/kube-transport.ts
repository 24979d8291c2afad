import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeConnectionError, statusErrorOf } from './status-errors.js';

/** One request to the API server. `body` is sent as JSON (unless a string). */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

/** A successful (2xx) answer, decoded. */
export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
  /** The `Warning` headers' texts (admission, deprecation, field validation). */
  warnings: string[];
}

/**
 * Plain HTTP(S) to the API server with the credentials of a KubeConfig (bearer token, client
 * certificate, CA), re-applied on every request so a rotating service-account token is picked
 * up. Connections are kept alive and reused. Non-2xx answers throw the StatusError the Status
 * body stands for; transport failures throw KubeConnectionError. Never retries.
 */
export class KubeTransport {
  private agent?: http.Agent;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly timeoutMs: number,
  ) {}

  get server(): string {
    return this.kubeConfig.getCurrentCluster()?.server ?? '';
  }

  async request<T>(request: KubeRequest): Promise<KubeResponse<T>> {
    const url = new URL(this.server.replace(/\/$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const options = await this.requestOptions(request);
    const payload = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (payload !== undefined) options.headers = { ...options.headers, 'Content-Type': request.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) };
    const { status, text, warnings } = await this.send(url, options, payload);
    const body = parse(text);
    if (status < 200 || status >= 300) throw statusErrorOf(status, body, text.slice(0, 200) || undefined);
    return { status, body: body as T, warnings };
  }

  /** Closes idle kept-alive connections. */
  close(): void {
    this.agent?.destroy();
  }

  private async requestOptions(request: KubeRequest): Promise<https.RequestOptions> {
    const options: https.RequestOptions = { method: request.method, headers: { Accept: 'application/json', 'User-Agent': 'application-operator' } };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const proxied = Boolean(this.kubeConfig.getCurrentCluster()?.proxyUrl);
    if (!proxied) options.agent = this.agentFor(options);
    return options;
  }

  /** One keep-alive agent with the configuration's TLS material (it does not rotate; tokens do, in headers). */
  private agentFor(options: https.RequestOptions): http.Agent {
    if (this.agent) return this.agent;
    const tls = { ca: options.ca, cert: options.cert, key: options.key, servername: options.servername, rejectUnauthorized: options.rejectUnauthorized };
    this.agent = this.server.startsWith('http:') ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true, ...tls });
    return this.agent;
  }

  private send(url: URL, options: https.RequestOptions, payload: string | undefined): Promise<{ status: number; text: string; warnings: string[] }> {
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new KubeConnectionError(this.server, error)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), warnings: warningsOf(res.rawHeaders) }));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error) => reject(new KubeConnectionError(this.server, error)));
      req.end(payload);
    });
  }
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `Warning: 299 - "text"` headers (RFC 7234), each one separately (rawHeaders keeps them apart). */
export function warningsOf(rawHeaders: string[]): string[] {
  const warnings: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index].toLowerCase() !== 'warning') continue;
    const match = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(rawHeaders[index + 1]);
    warnings.push(match ? match[1].replace(/\\(.)/g, '$1') : rawHeaders[index + 1]);
  }
  return warnings;
}
