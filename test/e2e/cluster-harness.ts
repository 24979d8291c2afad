import { execFile } from 'node:child_process';
import http from 'node:http';
import { request } from 'node:https';
import { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { KUBECTL } from '../support/kubectl.js';
import { until as waitUntil } from '../support/wait.js';

/** The repository's deploy/kubernetes directory (from dist/test/e2e). */
export const KUSTOMIZE_DIR = fileURLToPath(new URL('../../../deploy/kubernetes', import.meta.url));

/** A rendered Kubernetes object (a manifest). */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

/** `kubectl kustomize <dir>` (offline), parsed. */
export function kustomize(dir: string): Promise<Manifest[]> {
  return new Promise((resolve, reject) => {
    execFile(KUBECTL, ['kustomize', dir], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`kubectl kustomize ${dir} failed: ${stderr || error.message}`));
      resolve(parseAllDocuments(stdout).map((document) => document.toJS() as Manifest).filter(Boolean));
    });
  });
}

/** The RBAC objects (Roles, ClusterRoles and their bindings) among `manifests`, as one YAML stream (an RBAC_FILE). */
export function rbacYaml(manifests: Manifest[]): string {
  const kinds = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
  return manifests.filter((manifest) => kinds.includes(manifest.kind)).map((manifest) => `---\n${stringify(manifest)}`).join('');
}

/** One request a client sent through the RecordingProxy. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
}

/**
 * An HTTP proxy in front of the standalone "cluster" that records every request a cluster-mode
 * process sends (method and URL) and forwards it unchanged, streaming the answer (watches).
 */
export class RecordingProxy {
  readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;

  private constructor(private readonly target: URL) {
    this.server = http.createServer((req, res) => this.forward(req, res));
  }

  static async start(targetUrl: string): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(new URL(targetUrl));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** How many recorded requests, from the `since`-th on, were `method` to a path ending in `suffix`. */
  count(method: string, suffix: string, since = 0): number {
    return this.requests.slice(since).filter((request) => request.method === method && new URL(request.url, 'http://proxy').pathname.endsWith(suffix)).length;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const upstream = http.request({ host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders();
      answer.pipe(res);
      // The server went away mid-answer (a restart): the client's connection breaks too.
      answer.on('close', () => !answer.complete && res.destroy());
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

/** What RBAC authorizes a resource request by (kube's RequestInfo). */
export interface RequestAttributes {
  verb: string;
  apiGroup: string;
  /** `resource` or `resource/subresource`. */
  resource: string;
  namespace?: string;
  name?: string;
  /** Set for a request outside /api and /apis (never allowed by a resource rule). */
  nonResourcePath?: string;
}

/** kube-apiserver's RequestInfoFactory, for the paths a controller uses. */
export function requestAttributes(method: string, url: string): RequestAttributes {
  const parsed = new URL(url, 'http://cluster');
  const parts = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let rest: string[];
  let apiGroup: string;
  if (parts[0] === 'api' && parts.length >= 2) [apiGroup, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [apiGroup, rest] = [parts[1], parts.slice(3)];
  else return { verb: method.toLowerCase(), apiGroup: '', resource: '', nonResourcePath: parsed.pathname };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const [resource, name, subresource] = rest;
  const watch = parsed.searchParams.get('watch') === 'true' || parsed.searchParams.get('watch') === '1';
  const verb = { GET: name ? 'get' : watch ? 'watch' : 'list', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: name ? 'delete' : 'deletecollection' }[method] ?? method.toLowerCase();
  return { verb, apiGroup, resource: subresource ? `${resource}/${subresource}` : resource, namespace, name };
}

/** An RBAC PolicyRule. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
  nonResourceURLs?: string[];
}

/** Whether `rule` allows the request (kube's RuleAllows for resource requests). */
export function ruleAllows(rule: PolicyRule, request: RequestAttributes): boolean {
  if (request.nonResourcePath) return false;
  const has = (list: string[] | undefined, value: string) => (list ?? []).includes('*') || (list ?? []).includes(value);
  const names = rule.resourceNames ?? [];
  return has(rule.verbs, request.verb) && has(rule.apiGroups, request.apiGroup) && has(rule.resources, request.resource) && (names.length === 0 || (request.name !== undefined && names.includes(request.name)));
}


/** An SSE stream of the operator at `baseUrl`'s /watch (Applications), read with the bearer `token`. */
export function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = fetch(`${baseUrl}/watch?kind=Application`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.any([controller.signal, AbortSignal.timeout(20_000)]) });
  const reader = response.then((answer) => {
    if (answer.status !== 200) throw new Error(`GET /watch answered ${answer.status}`);
    return answer.body!.getReader();
  });
  reader.catch(() => undefined); // a stream closed before it is read: not an unhandled rejection
  let text = '';
  return {
    text: () => text,
    /** Reads until `done` (a predicate over everything read, or a pattern) holds. */
    read: (what: string, done: RegExp | (() => boolean)) =>
      until(what, async () => {
        const test = () => (done instanceof RegExp ? done.test(text) : done());
        if (test()) return true;
        const { value } = await (await reader).read();
        text += Buffer.from(value ?? []).toString();
        return test();
      }),
    close: () => controller.abort(),
  };
}

/** POSTs JSON to the webhook server at 127.0.0.1:`port`, trusting only `ca` (as kube-apiserver trusts caBundle). */
export function postOverTls(port: number, path: string, body: unknown, ca: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', ca, servername: 'localhost', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** `until` with the cluster tests' pace: every 100 ms, 20 s by default. */
export const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> => waitUntil(what, probe, timeoutMs, 100);
