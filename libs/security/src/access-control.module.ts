import { Module } from '@nestjs/common';
import { AccessControlBootstrap } from './access-control.bootstrap.js';
import { AccessControlConfigurableModule } from './access-control.module-definition.js';
import { AccessControlModuleOptions } from './access-control-options.interface.js';
import { AuditLogger } from './audit/audit-logger.service.js';
import { Authenticator } from './authn/authenticator.service.js';
import { Authorizer, RbacAuthorizer } from './authz/authorizer.service.js';
import { ClusterRoleAggregator } from './authz/cluster-role-aggregator.js';
import { RbacPolicyCache } from './authz/rbac-policy-cache.js';
import { RbacPolicyLoader } from './authz/rbac-policy-loader.js';
import { MaxInFlightLimiter } from './overload/max-in-flight.js';
import { AccessReviewService } from './reviews/access-review.service.js';
import { TokenReviewService } from './reviews/token-review.service.js';
import { ACCESS_CONTROL_OPTIONS } from './security.constants.js';

/**
 * Standalone mode's access control. Authentication (bearer tokens), authorization (RBAC, served as resources), self access
 * reviews, the in-flight limiter and the audit log, configured by `forRoot(options)`. Needs
 * CrdRegistry, ResourceService and ChangeFeed (CrdModule and ResourcesModule are global).
 * Exports the services the HTTP layer calls; it registers no HTTP handler itself.
 */
@Module({
  providers: [
    Authenticator,
    RbacAuthorizer,
    { provide: Authorizer, useExisting: RbacAuthorizer },
    RbacPolicyCache,
    RbacPolicyLoader,
    ClusterRoleAggregator,
    AccessReviewService,
    TokenReviewService,
    AuditLogger,
    AccessControlBootstrap,
    {
      provide: MaxInFlightLimiter,
      useFactory: (options: AccessControlModuleOptions) => new MaxInFlightLimiter(options.maxRequestsInFlight, options.maxMutatingRequestsInFlight),
      inject: [ACCESS_CONTROL_OPTIONS],
    },
  ],
  exports: [Authenticator, Authorizer, RbacAuthorizer, RbacPolicyCache, AccessReviewService, TokenReviewService, AuditLogger, MaxInFlightLimiter, ACCESS_CONTROL_OPTIONS],
})
export class AccessControlModule extends AccessControlConfigurableModule {}
