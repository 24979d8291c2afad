/**
 * The load generator of `bench:api`, run as its own process (so it does not share an event loop
 * with the server it measures): autocannon against one URL with a fixed duration and connection
 * count. Reads a LoadSpec as JSON from argv[2]; prints one LoadResult as JSON on stdout.
 * When the body contains NAME_PLACEHOLDER, every request gets the next name of a process-wide
 * counter (`<prefix>-00000001`, fixed width, so every body has the same size).
 */
import autocannon, { type Request } from 'autocannon';

export const NAME_PLACEHOLDER = '__NAME__';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  namePrefix?: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyAvgMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
  statusCodes: Record<string, number>;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let counter = 0;
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const request: Request = { method: spec.method, path: spec.path, headers };
  if (spec.body !== undefined) request.body = spec.body;
  if (spec.body?.includes(NAME_PLACEHOLDER)) {
    request.setupRequest = (req) => ({ ...req, body: spec.body!.replace(NAME_PLACEHOLDER, `${spec.namePrefix ?? 'bench'}-${String(++counter).padStart(8, '0')}`) });
  }
  const result = await autocannon({ url: spec.url, connections: spec.connections, duration: spec.durationSeconds, timeout: 30, requests: [request] });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  const requests = result['2xx'] + result.non2xx;
  return {
    requestsPerSecond: result.requests.average,
    latencyAvgMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
    statusCodes,
  };
}

if (process.argv[1]?.endsWith('load.js') && process.argv[2]) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  runLoad(spec).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error: unknown) => {
      process.stderr.write(`load failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
