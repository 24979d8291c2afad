import { Injectable, Optional } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { OperatorConfig } from '@app/config';
import { AccessReviewService, AuditLogger, Authenticator, Authorizer, MaxInFlightLimiter, TokenReviewService } from '@app/security';
import { AuditRecorder } from './audit.filter.js';
import { authenticationFilter } from './authentication.filter.js';
import { authorizationFilter } from './authorization.filter.js';
import { deadlineFilter, inFlightFilter } from './overload.filter.js';
import { selfReviewFilter } from './self-review.filter.js';

/**
 * The security filters, in kube-apiserver's order: authentication (401) → audit → max in
 * flight (429) → authorization (403) → request deadline (504), all before the body is read;
 * then (standalone) the self access reviews, answered without reaching the API handler. In
 * cluster mode the same filters guard the operator's own endpoints, with the cluster's
 * identities (TokenReview) and RBAC (SubjectAccessReview).
 */
@Injectable()
export class SecurityGate {
  constructor(
    private readonly config: OperatorConfig,
    private readonly authenticator: Authenticator,
    private readonly authorizer: Authorizer,
    private readonly limiter: MaxInFlightLimiter,
    private readonly audit: AuditLogger,
    @Optional() private readonly reviews?: AccessReviewService,
    @Optional() private readonly tokenReviews?: TokenReviewService,
  ) {}

  handlers(): RequestHandler[] {
    const recorder = new AuditRecorder(this.audit);
    return [
      authenticationFilter(this.authenticator, recorder, { metricsAnonymous: this.config.METRICS_ANONYMOUS }),
      recorder.filter(),
      inFlightFilter(this.limiter),
      authorizationFilter(this.authorizer),
      deadlineFilter(this.config.REQUEST_TIMEOUT_SECONDS),
      ...(this.reviews && this.tokenReviews ? [selfReviewFilter(this.reviews, this.tokenReviews)] : []),
    ];
  }
}

/** The filters to `app.use(...)` before the body middleware (bootstrap.ts), in both modes. */
export function securityMiddlewares(app: INestApplication): RequestHandler[] {
  return app.get(SecurityGate).handlers();
}
