import { Module } from '@nestjs/common';
import { AccessControlConfigurableModule } from './access-control.module-definition.js';
import { AccessControlModuleOptions } from './access-control-options.interface.js';
import { AuditLogger } from './audit/audit-logger.service.js';
import { Authenticator } from './authn/authenticator.service.js';
import { Authorizer } from './authz/authorizer.service.js';
import { DelegatingAuthorizer } from './delegation/delegating-authorizer.js';
import { MaxInFlightLimiter } from './overload/max-in-flight.js';
import { ACCESS_CONTROL_OPTIONS } from './security.constants.js';

/**
 * Cluster mode's access control, configured by `forRoot(options)` like AccessControlModule:
 * tokens from the token files, then the cluster's identities (TokenReview); authorization by
 * the cluster's RBAC (SubjectAccessReview); the in-flight limiter and the audit log. Serves no
 * RBAC objects and no self reviews (the cluster's kube-apiserver does). Needs `TokenReviewer`
 * and `SubjectAccessReviewer` providers from a global module (ClusterModule exports them).
 */
@Module({
  providers: [
    Authenticator,
    DelegatingAuthorizer,
    { provide: Authorizer, useExisting: DelegatingAuthorizer },
    AuditLogger,
    {
      provide: MaxInFlightLimiter,
      useFactory: (options: AccessControlModuleOptions) => new MaxInFlightLimiter(options.maxRequestsInFlight, options.maxMutatingRequestsInFlight),
      inject: [ACCESS_CONTROL_OPTIONS],
    },
  ],
  exports: [Authenticator, Authorizer, AuditLogger, MaxInFlightLimiter, ACCESS_CONTROL_OPTIONS],
})
export class DelegatedAccessControlModule extends AccessControlConfigurableModule {}
