import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { CrdRegistry } from '@app/crd';
import { AccessControlModuleOptions } from './access-control-options.interface.js';
import { ClusterRoleAggregator } from './authz/cluster-role-aggregator.js';
import { RbacEscalationGuard } from './authz/escalation-guard.js';
import { RbacPolicyCache } from './authz/rbac-policy-cache.js';
import { RbacPolicyLoader } from './authz/rbac-policy-loader.js';
import { authorizationDefinitions } from './definitions/authorization.definitions.js';
import { rbacDefinitions } from './definitions/rbac.definitions.js';
import { ACCESS_CONTROL_OPTIONS } from './security.constants.js';

/**
 * Start-up of access control: serves the RBAC and self-review resources (module init), then,
 * before the server listens (application bootstrap), writes the default policy (token mode),
 * applies RBAC_FILE and loads the policy cache. A bad RBAC_FILE fails the start. While RBAC
 * is enforced, RBAC writes go through the privilege-escalation check and ClusterRole
 * aggregation runs.
 */
@Injectable()
export class AccessControlBootstrap implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Authorization');

  constructor(
    @Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions,
    private readonly registry: CrdRegistry,
    private readonly loader: RbacPolicyLoader,
    private readonly cache: RbacPolicyCache,
    private readonly aggregator: ClusterRoleAggregator,
  ) {}

  onModuleInit(): void {
    const guard = new RbacEscalationGuard(() => this.options.mode === 'token', this.cache);
    for (const definition of [...rbacDefinitions(guard), ...authorizationDefinitions()]) this.registry.registerBuiltin(definition);
  }

  async onApplicationBootstrap(): Promise<void> {
    const enforced = this.options.mode === 'token';
    if (enforced) await this.loader.seedDefaults();
    if (this.options.rbacFile) {
      const count = await this.loader.applyFile(this.options.rbacFile);
      this.logger.log(`applied ${count} RBAC object(s) from ${this.options.rbacFile}${enforced ? '' : ' (not enforced: AUTH_MODE=none)'}`);
    }
    if (!enforced) return;
    await this.cache.start();
    this.aggregator.start();
  }
}
