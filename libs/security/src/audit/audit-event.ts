import type { UserInfo } from '@app/resources';

export type AuditLevel = 'None' | 'Metadata' | 'Request';
export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

/** audit.k8s.io/v1 ObjectReference. */
export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
}

/** The meta/v1 Status subset kube-apiserver records as `responseStatus`. */
export interface AuditResponseStatus {
  metadata: Record<string, never>;
  code: number;
  status?: string;
  message?: string;
  reason?: string;
}

/** One line of the audit log: kube-apiserver's `audit.k8s.io/v1` Event. */
export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: Exclude<AuditLevel, 'None'>;
  auditID: string;
  stage: AuditStage;
  requestURI: string;
  verb: string;
  user: UserInfo;
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus?: AuditResponseStatus;
  requestObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

const SECRET_QUERY_PARAMETERS = /^(access_token|token|bearer|authorization)$/i;

/**
 * The request URI as recorded: path and query, with the value of any credential-looking query
 * parameter (`access_token`, `token`, ...) replaced by `REDACTED`, so no token reaches the log.
 */
export function auditRequestUri(originalUrl: string): string {
  const question = originalUrl.indexOf('?');
  if (question < 0) return originalUrl;
  const query = originalUrl
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = decodeSafely(equals < 0 ? pair : pair.slice(0, equals));
      return equals >= 0 && SECRET_QUERY_PARAMETERS.test(name) ? `${pair.slice(0, equals)}=REDACTED` : pair;
    })
    .join('&');
  return `${originalUrl.slice(0, question)}?${query}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Client addresses as kube records them: X-Forwarded-For entries, X-Real-Ip, then the peer. */
export function sourceIPs(headers: Record<string, string | string[] | undefined>, remoteAddress: string | undefined): string[] {
  const forwarded = [headers['x-forwarded-for']].flat().filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const realIp = typeof headers['x-real-ip'] === 'string' ? [headers['x-real-ip'].trim()] : [];
  const peer = remoteAddress ? [remoteAddress.replace(/^::ffff:/, '')] : [];
  return [...new Set([...forwarded, ...realIp, ...peer])];
}
