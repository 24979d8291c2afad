import { canonicalJson } from '../../support/api.js';
import { FuzzReply, FuzzRequest, send } from './request.js';
import { BuildContext, FuzzTarget, validApplication } from './target.js';

/** One broken promise, with enough of the input to reproduce it. */
export interface Violation {
  target: string;
  kind: '5xx' | 'no reply' | 'half-written' | 'not a Status' | 'unparseable list';
  request: string;
  detail: string;
}

/** Per-target tallies. */
export interface TargetTally {
  inputs: number;
  byClass: Record<string, number>;
  /** Time spent on this target, probes included. */
  ms: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROBE_TIMEOUT_MS = 30_000;

/**
 * Runs one fuzz input against the server and judges the answer: no 5xx (a 504 Timeout only when
 * the client asked for a deadline), an answer to every well-formed request, errors under /api and
 * /apis as Status objects, lists that parse, and no trace of a refused write: the target's own
 * Application (and a create's would-be object) reads back exactly as before.
 */
export class Oracle {
  readonly violations: Violation[] = [];
  readonly tallies = new Map<string, TargetTally>();
  /** The slowest answer seen: how long one request can hold the server. */
  slowest = { ms: 0, request: '' };

  constructor(
    private readonly baseUrl: string,
    private readonly port: number,
  ) {}

  /** Never throws: a probe the server does not answer is itself a violation. */
  async run<I>(target: FuzzTarget<I>, input: I, index: number): Promise<void> {
    try {
      await this.attempt(target, input, index);
    } catch (error) {
      this.violations.push({ target: target.name, kind: 'no reply', request: `(probe around) ${oneLine(JSON.stringify(input) ?? '', 300)}`, detail: oneLine(String((error as Error)?.stack ?? error), 600) });
    }
  }

  private async attempt<I>(target: FuzzTarget<I>, input: I, index: number): Promise<void> {
    const ctx = await this.context(target, index);
    const request = target.build(input, ctx);
    const probes = [target.victim ? ctx.victimPath : undefined, target.probe?.(input, ctx)].filter((p): p is string => p !== undefined);
    const before = await Promise.all(probes.map((p) => this.read(p)));
    const sent = performance.now();
    const reply = await send(this.baseUrl, request, this.port);
    const ms = performance.now() - sent;
    if (ms > this.slowest.ms) this.slowest = { ms: Math.round(ms), request: `[${target.name}] ${describe(request)} -> ${reply.status ?? reply.failure}` };
    this.tally(target.name, reply);
    this.judge(target, request, reply);
    if (!WRITES.has(request.method.toUpperCase()) || request.raw !== undefined) return;
    if (reply.status !== undefined && reply.status >= 200 && reply.status < 300) return;
    // No answer (already a violation) or a passed deadline (504, as in kube): the outcome is unknown.
    if (reply.status === undefined || reply.status === 504) return;
    for (let i = 0; i < probes.length; i++) {
      const after = await this.read(probes[i]);
      if (after !== before[i]) this.violate(target, 'half-written', request, `${probes[i]} changed after a refused write (${reply.status}): before ${before[i].slice(0, 300)} after ${after.slice(0, 300)}`);
    }
  }

  private judge(target: FuzzTarget, request: FuzzRequest, reply: FuzzReply): void {
    if (reply.status === undefined) {
      // A malformed raw request may be answered by closing the connection; a hang never is.
      if (request.raw === undefined || /timed out/.test(reply.failure ?? '')) this.violate(target, 'no reply', request, reply.failure ?? '');
      return;
    }
    if (reply.status >= 500 && !(reply.status === 504 && expectedTimeout(request, reply))) this.violate(target, '5xx', request, `${reply.status}: ${reply.text.slice(0, 400)}`);
    if (request.raw !== undefined || !/^\/apis?(\/|$)/.test(request.path)) return;
    // 431 and 414 come from the HTTP parser before any handler (kube's Go server answers them in plain text too).
    if (reply.status >= 400 && reply.status !== 431 && reply.status !== 414 && request.method !== 'HEAD' && !isStatus(reply.text, reply.status)) this.violate(target, 'not a Status', request, `${reply.status}: ${reply.text.slice(0, 300)}`);
    if (reply.status === 200 && request.method === 'GET' && reply.text !== '' && /json/.test(reply.contentType ?? '') && !parses(reply.text)) this.violate(target, 'unparseable list', request, reply.text.slice(0, 300));
  }

  private async context(target: FuzzTarget, index: number): Promise<BuildContext> {
    const victimName = `fzv-${index}`;
    const victimPath = `/apis/cloudnative.elide.dev/v1/namespaces/fuzz/applications/${victimName}`;
    if (!target.victim) return { victimName, victimPath };
    let current = await fetch(this.baseUrl + victimPath, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (current.status === 404) {
      await current.arrayBuffer();
      const created = await fetch(this.baseUrl + victimPath.replace(`/${victimName}`, ''), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validApplication(victimName)), signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await created.arrayBuffer();
      current = await fetch(this.baseUrl + victimPath, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    }
    return { victimName, victimPath, victim: current.ok ? await current.json() : undefined };
  }

  /** The object at `path` as canonical JSON, or `absent`. */
  private async read(path: string): Promise<string> {
    const response = await fetch(this.baseUrl + path, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const text = await response.text();
    if (response.status === 404) return 'absent';
    if (response.status !== 200) return `status ${response.status}`;
    return parses(text) ? canonicalJson(JSON.parse(text)) : `unparseable ${text.slice(0, 100)}`;
  }

  timed(target: string, ms: number): void {
    const tally = this.tallies.get(target);
    if (tally) tally.ms += ms;
  }

  private tally(target: string, reply: FuzzReply): void {
    const tally = this.tallies.get(target) ?? { inputs: 0, byClass: {}, ms: 0 };
    tally.inputs++;
    const key = reply.status === undefined ? 'closed' : `${Math.floor(reply.status / 100)}xx`;
    tally.byClass[key] = (tally.byClass[key] ?? 0) + 1;
    this.tallies.set(target, tally);
  }

  private violate(target: FuzzTarget, kind: Violation['kind'], request: FuzzRequest, detail: string): void {
    this.violations.push({ target: target.name, kind, request: describe(request), detail: oneLine(detail, 600) });
  }
}

function describe(request: FuzzRequest): string {
  const body = request.raw ?? request.body;
  const shown = body === undefined ? '' : ` body(${body.length} bytes): ${oneLine(body.toString().slice(0, 1000), 300)}`;
  const query = request.query?.length ? `?${oneLine(new URLSearchParams(request.query).toString(), 200)}` : '';
  return `${request.method} ${oneLine(request.path, 200)}${query}${shown}`;
}

/**
 * kube answers 504 `Timeout` in two cases a client provokes: a deadline it asked for (`timeout=`)
 * passed, or a read at a resourceVersion newer than the store's ("Too large resource version").
 */
function expectedTimeout(request: FuzzRequest, reply: FuzzReply): boolean {
  if ((request.query ?? []).some(([k]) => k === 'timeout')) return true;
  return /"reason":"Timeout"/.test(reply.text) && /Too large resource version/.test(reply.text);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isStatus(text: string, code: number): boolean {
  try {
    const body = JSON.parse(text);
    return body?.kind === 'Status' && body?.code === code;
  } catch {
    return false;
  }
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}
