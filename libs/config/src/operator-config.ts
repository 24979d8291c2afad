import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value).trim()) ? Number(value) : value);
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number.isFinite(Number(value)) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim().toLowerCase();
  return ['true', '1', 'yes', 'on'].includes(text) ? true : ['false', '0', 'no', 'off'].includes(text) ? false : value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/**
 * Every setting the operator reads, with its environment variable name and default. Built and
 * validated once at boot by `loadConfig`; nothing else reads process.env.
 */
export class OperatorConfig {
  // --- Service shell
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  /** Default resolved by loadConfig: `0.0.0.0` when authentication is configured, else `127.0.0.1`. */
  @IsString() @MinLength(1) HOST = '127.0.0.1';
  @IsIn(['error', 'warn', 'info', 'debug', 'verbose']) LOG_LEVEL = 'info';
  @IsIn(['json', 'text']) LOG_FORMAT = 'text';
  @Transform(toInt) @IsInt() @Min(0) SHUTDOWN_TIMEOUT_MS = 10000;

  // --- Storage
  @IsIn(['sqlite', 'memory']) STORAGE = 'sqlite';
  @IsString() @MinLength(1) DATA_DIR = './data';
  @IsIn(['full', 'normal']) SQLITE_SYNCHRONOUS = 'full';
  @Transform(toInt) @IsInt() @Min(5) STORE_POLL_INTERVAL_MS = 100;
  @Transform(toInt) @IsInt() @Min(1) COMPACTION_INTERVAL_SECONDS = 60;
  @Transform(toInt) @IsInt() @Min(0) COMPACTION_MIN_RETENTION_SECONDS = 300;
  @Transform(toInt) @IsInt() @Min(0) COMPACTION_MIN_REVISIONS = 1000;

  // --- Leader election
  @Transform(toBool) @IsBoolean() ENABLE_LEADER_ELECTION = true;
  @IsOptional() @IsString() POD_NAME?: string;
  @IsString() @MinLength(1) LEASE_NAMESPACE = 'default';
  @IsString() @MinLength(1) LEASE_NAME = 'application-operator';
  @Transform(toNumber) @IsInt() @Min(1) LEASE_DURATION_SECONDS = 15;
  @Transform(toNumber) @IsInt() @Min(1) RENEW_DEADLINE_SECONDS = 10;
  @Transform(toNumber) @IsInt() @Min(1) RETRY_PERIOD_SECONDS = 2;

  // --- Reconciler
  @Transform(toBool) @IsBoolean() RECONCILER_ENABLED = true;
  @Transform(toInt) @IsInt() @Min(1) RESYNC_PERIOD_SECONDS = 600;
  @Transform(toInt) @IsInt() @Min(1) @Max(256) MAX_CONCURRENT_RECONCILES = 4;
  @Transform(toInt) @IsInt() @Min(1) BACKOFF_BASE_MS = 1000;
  @Transform(toInt) @IsInt() @Min(1) BACKOFF_MAX_MS = 16000;
  @Transform(toInt) @IsInt() @Min(0) MAX_RETRIES = 5;
  @Transform(toNumber) @Min(0.01) QUEUE_QPS = 50;
  @Transform(toInt) @IsInt() @Min(1) QUEUE_BURST = 500;
  @Transform(toInt) @IsInt() @Min(0) SIM_POD_STARTUP_MS = 300;
  @Transform(toList) @IsString({ each: true }) SIM_FAILING_TAGS: string[] = ['broken', 'doesnotexist'];

  // --- Events
  @Transform(toInt) @IsInt() @Min(1) EVENT_TTL_SECONDS = 3600;
  @Transform(toInt) @IsInt() @Min(1) EVENT_MAX = 10000;

  // --- Admission
  @IsOptional() @IsString() POLICY_FILE?: string;
  @IsIn(['off', 'auto', 'files']) WEBHOOK_TLS = 'off';
  @IsOptional() @IsString() WEBHOOK_TLS_CERT_FILE?: string;
  @IsOptional() @IsString() WEBHOOK_TLS_KEY_FILE?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) WEBHOOK_PORT = 9443;
  @Transform(toList) @IsString({ each: true }) WEBHOOK_DNS_NAMES: string[] = ['localhost'];

  // --- Security (authentication, authorization, overload protection, audit)
  /** `token` (bearer tokens, RBAC) or `none` (no authentication: loopback only unless set explicitly). Resolved by loadConfig. */
  @IsIn(['token', 'none']) AUTH_MODE: 'token' | 'none' = 'none';
  @IsOptional() @IsString() @MinLength(1) TOKEN_AUTH_FILE?: string;
  @Transform(toBool) @IsBoolean() AUTH_BOOTSTRAP = false;
  @IsOptional() @IsString() @MinLength(1) RBAC_FILE?: string;
  @Transform(toBool) @IsBoolean() METRICS_ANONYMOUS = false;
  @Transform(toInt) @IsInt() @Min(0) MAX_REQUESTS_INFLIGHT = 400;
  @Transform(toInt) @IsInt() @Min(0) MAX_MUTATING_REQUESTS_INFLIGHT = 200;
  @Transform(toInt) @IsInt() @Min(1) REQUEST_TIMEOUT_SECONDS = 60;
  @IsOptional() @IsString() @MinLength(1) AUDIT_LOG_PATH?: string;
  @IsIn(['None', 'Metadata', 'Request']) AUDIT_LEVEL: 'None' | 'Metadata' | 'Request' = 'Metadata';
  @Transform(toNumber) @Min(0) AUDIT_LOG_MAX_SIZE_MB = 100;
  @Transform(toInt) @IsInt() @Min(0) AUDIT_LOG_MAX_BACKUPS = 5;

  // --- Mode (cluster: a controller against a real kube-apiserver; see libs/cluster)
  /** `standalone` serves its own Kubernetes API over the embedded store; `cluster` reconciles a cluster's Applications. */
  @IsIn(['standalone', 'cluster']) MODE: 'standalone' | 'cluster' = 'standalone';
  /** Cluster mode: kubeconfig file; when unset, the in-cluster service account is used. */
  @IsOptional() @IsString() @MinLength(1) KUBECONFIG?: string;
  /** Cluster mode: apply the Application CRD at start (needs `patch` on it) instead of only checking it. */
  @Transform(toBool) @IsBoolean() INSTALL_CRD = false;
  /** Set by the kubelet in every pod: where the in-cluster kube-apiserver is. */
  @IsOptional() @IsString() @MinLength(1) KUBERNETES_SERVICE_HOST?: string;
  @IsOptional() @IsString() @MinLength(1) KUBERNETES_SERVICE_PORT?: string;
}
