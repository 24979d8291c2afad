import { HealthCheckResult, HealthReport } from './health.types.js';

/** What a probe answers: status code, media type and body. */
export interface ProbeResponse {
  status: number;
  contentType: 'text/plain' | 'application/json';
  body: string;
}

/**
 * A whole probe (`/readyz`, `/livez`, `/healthz`). 200 when every check passes, else 503.
 * `verbose`: kube-apiserver's text form (`[+]name ok`, `[+]name excluded: ok`,
 * `[-]name failed: reason`, then `readyz check passed|failed`). Otherwise JSON: `status`,
 * `checks` (name → `ok`, `excluded` or the failure), and the report's details (the leader status).
 */
export function probeResponse(probe: string, report: HealthReport, verbose: boolean): ProbeResponse {
  const status = report.ok ? 200 : 503;
  if (verbose) return { status, contentType: 'text/plain', body: verboseText(probe, report) };
  const checks = Object.fromEntries(report.checks.map((check) => [check.name, summary(check)]));
  const body: Record<string, unknown> = { status: report.ok ? 'ok' : 'failed', checks, ...(report.details ?? {}) };
  if (report.unknownExclusions.length > 0) body.unknownExclusions = report.unknownExclusions;
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** One check (`/readyz/<name>`): `ok`, or 503 `internal server error: <reason>` as kube-apiserver answers. */
export function singleCheckResponse(check: HealthCheckResult): ProbeResponse {
  if (check.ok) return { status: 200, contentType: 'text/plain', body: 'ok' };
  return { status: 503, contentType: 'text/plain', body: `internal server error: ${check.message ?? 'failed'}\n` };
}

function verboseText(probe: string, report: HealthReport): string {
  const lines = report.checks.map(verboseLine);
  if (report.unknownExclusions.length > 0) {
    lines.push(`warn: some health checks cannot be excluded: no matches for ${report.unknownExclusions.map((name) => JSON.stringify(name)).join(',')}`);
  }
  lines.push(`${probe} check ${report.ok ? 'passed' : 'failed'}`);
  return `${lines.join('\n')}\n`;
}

function verboseLine(check: HealthCheckResult): string {
  if (check.excluded) return `[+]${check.name} excluded: ok`;
  if (check.ok) return `[+]${check.name} ok`;
  return `[-]${check.name} failed: ${check.message ?? 'reason withheld'}`;
}

function summary(check: HealthCheckResult): string {
  if (check.excluded) return 'excluded';
  return check.ok ? 'ok' : check.message ?? 'failed';
}
