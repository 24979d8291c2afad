import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { isJsonObject, microTime, StatusError } from '@app/api-machinery';
import type { UserInfo } from '@app/resources';
import { ANONYMOUS_USER, AuditEvent, AuditLogger, AuditResponseStatus, AuditStage, auditRequestUri, sourceIPs } from '@app/security';
import { onResponseDone } from '../http/response-done.js';
import { contextOf, SecurityContext } from './security-context.js';

/**
 * Builds kube-apiserver's audit events for the HTTP layer: one `ResponseComplete` event per
 * request (long-running requests also get a `RequestReceived` event when they start), after
 * authentication, with the authorization decision as annotations and the response's Status.
 * Public paths are not audited. Tokens never appear: headers are not recorded and credential
 * query parameters are redacted from `requestURI`.
 */
export class AuditRecorder {
  constructor(private readonly logger: AuditLogger) {}

  /** The filter (runs right after authentication). */
  filter(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const context = contextOf(res);
      if (!this.logger.enabled || context.request.public) return next();
      const auditID = randomUUID();
      const captured = captureStatus(res);
      if (context.request.longRunning) this.logger.write(this.event(req, contextOf(res), auditID, 'RequestReceived'));
      let written = false;
      const complete = () => {
        if (written) return;
        written = true;
        this.logger.write({ ...this.event(req, contextOf(res), auditID, 'ResponseComplete'), responseStatus: captured(res.statusCode) });
      };
      onResponseDone(res, complete);
      next();
    };
  }

  /** kube's WithFailedAuthenticationAudit: a 401 with no user. */
  failedAuthentication(req: Request, context: SecurityContext, error: StatusError): void {
    if (!this.logger.enabled) return;
    const event = this.event(req, context, randomUUID(), 'ResponseStarted');
    this.logger.write({ ...event, user: {} as UserInfo, responseStatus: { metadata: {}, status: 'Failure', message: 'Authentication failed, attempted: bearer', reason: error.reason, code: error.code } });
  }

  private event(req: Request, context: SecurityContext, auditID: string, stage: AuditStage): AuditEvent {
    const attributes = context.request.attributes;
    const user = context.user ?? ANONYMOUS_USER;
    const body = (req as Request & { body?: unknown }).body;
    const level = this.logger.level === 'Request' && !carriesCredentials(attributes) ? 'Request' : 'Metadata';
    return {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level,
      auditID,
      stage,
      requestURI: auditRequestUri(req.originalUrl),
      verb: attributes.verb,
      user: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups ?? [] },
      sourceIPs: sourceIPs(req.headers, req.socket.remoteAddress),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      ...(attributes.kind === 'resource' ? { objectRef: objectRef(attributes, body) } : {}),
      ...(level === 'Request' && context.request.mutating && body !== undefined && stage === 'ResponseComplete' ? { requestObject: body } : {}),
      requestReceivedTimestamp: microTime(context.receivedAt),
      stageTimestamp: microTime(new Date()),
      ...(context.decision ? { annotations: decisionAnnotations(context.decision) } : {}),
    };
  }
}

/** A TokenReview's body is a token: audited at Metadata level whatever AUDIT_LEVEL says (as kube's recommended policies do). */
function carriesCredentials(attributes: SecurityContext['request']['attributes']): boolean {
  return attributes.kind === 'resource' && attributes.apiGroup === 'authentication.k8s.io' && attributes.resource === 'tokenreviews';
}

function objectRef(attributes: Extract<SecurityContext['request']['attributes'], { kind: 'resource' }>, body: unknown) {
  const bodyName = isJsonObject(body) && isJsonObject(body.metadata) && typeof body.metadata.name === 'string' ? body.metadata.name : undefined;
  const name = attributes.name ?? (attributes.verb === 'create' ? bodyName : undefined);
  return {
    resource: attributes.resource,
    ...(attributes.namespace ? { namespace: attributes.namespace } : {}),
    ...(name ? { name } : {}),
    ...(attributes.apiGroup ? { apiGroup: attributes.apiGroup } : {}),
    ...(attributes.apiVersion ? { apiVersion: attributes.apiVersion } : {}),
    ...(attributes.subresource ? { subresource: attributes.subresource } : {}),
  };
}

function decisionAnnotations(decision: { allowed: boolean; reason: string }): Record<string, string> {
  return { 'authorization.k8s.io/decision': decision.allowed ? 'allow' : 'forbid', 'authorization.k8s.io/reason': decision.reason };
}

/** Watches the response's end for a JSON Status body (error responses), to record it. */
function captureStatus(res: Response): (code: number) => AuditResponseStatus {
  let status: Partial<AuditResponseStatus> = {};
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
    const chunk = args[0];
    if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.length < 65_536) status = statusOf(chunk.toString());
    return end(...args);
  };
  return (code) => ({ metadata: {}, ...status, code });
}

function statusOf(text: string): Partial<AuditResponseStatus> {
  try {
    const body: unknown = JSON.parse(text);
    if (!isJsonObject(body) || body.kind !== 'Status') return {};
    const pick = (key: string) => (typeof body[key] === 'string' ? { [key]: body[key] as string } : {});
    return { ...pick('status'), ...pick('message'), ...pick('reason') };
  } catch {
    return {};
  }
}
