import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { OperatorConfig } from './operator-config.js';
import { resolveSecurity } from './security-config.js';

/** Thrown at boot when a variable is invalid; the message names every bad variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads the operator's variables from `env` (process.env by default), applies defaults,
 * converts types and validates, failing fast with the names of every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): OperatorConfig {
  const known = Object.keys(new OperatorConfig());
  const input: Record<string, string> = {};
  for (const key of [...known, 'POD_NAME', 'POLICY_FILE', 'WEBHOOK_TLS_CERT_FILE', 'WEBHOOK_TLS_KEY_FILE', 'TOKEN_AUTH_FILE', 'RBAC_FILE', 'AUDIT_LOG_PATH']) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  if (input.WEBHOOK_TLS === undefined && input.WEBHOOK_TLS_CERT_FILE && input.WEBHOOK_TLS_KEY_FILE) input.WEBHOOK_TLS = 'files';
  const config = plainToInstance(OperatorConfig, input, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap(describe);
  problems.push(...crossFieldProblems(config));
  problems.push(...resolveSecurity(config, input));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

function describe(error: ValidationError): string[] {
  const value = JSON.stringify(error.value);
  return Object.values(error.constraints ?? {}).map((text) => `${error.property}=${value}: ${text.replace(error.property, 'must')}`.replace('must must', 'must'));
}

function crossFieldProblems(c: OperatorConfig): string[] {
  const problems: string[] = [];
  if (!(c.LEASE_DURATION_SECONDS > c.RENEW_DEADLINE_SECONDS && c.RENEW_DEADLINE_SECONDS > c.RETRY_PERIOD_SECONDS)) {
    problems.push(
      `LEASE_DURATION_SECONDS (${c.LEASE_DURATION_SECONDS}) > RENEW_DEADLINE_SECONDS (${c.RENEW_DEADLINE_SECONDS}) > RETRY_PERIOD_SECONDS (${c.RETRY_PERIOD_SECONDS}) must hold`,
    );
  }
  if (c.BACKOFF_MAX_MS < c.BACKOFF_BASE_MS) problems.push(`BACKOFF_MAX_MS (${c.BACKOFF_MAX_MS}) must be >= BACKOFF_BASE_MS (${c.BACKOFF_BASE_MS})`);
  if (c.WEBHOOK_TLS === 'files' && !(c.WEBHOOK_TLS_CERT_FILE && c.WEBHOOK_TLS_KEY_FILE)) {
    problems.push('WEBHOOK_TLS=files needs WEBHOOK_TLS_CERT_FILE and WEBHOOK_TLS_KEY_FILE');
  }
  return problems;
}
