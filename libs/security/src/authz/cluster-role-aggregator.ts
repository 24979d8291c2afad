import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@app/api-machinery';
import { ResourceService, SYSTEM_USER } from '@app/resources';
import { filter, Subscription } from 'rxjs';
import { aggregatedRules, sameRules } from './cluster-role-aggregation.js';
import { RbacPolicyCache } from './rbac-policy-cache.js';
import { RBAC_GROUP, RBAC_VERSION, RoleObject } from './rbac.types.js';

const RETRY_DELAY_MS = 1000;

/**
 * kube's clusterrole-aggregation controller: keeps the `rules` of every ClusterRole with an
 * `aggregationRule` equal to the union of the rules of the ClusterRoles its selectors match
 * (itself excluded), re-evaluated on every ClusterRole change (create, update, delete, labels),
 * so rules written by hand on an aggregated role are replaced. Runs on every replica: the result
 * is a pure function of the stored ClusterRoles, each write is a compare-and-swap on the
 * resourceVersion read, a role already equal is never written, and a conflict means a newer
 * change whose own event re-runs the sync; replicas therefore converge without a leader. Syncs
 * are serialized and coalesced.
 */
@Injectable()
export class ClusterRoleAggregator implements OnModuleDestroy {
  private readonly logger = new Logger('ClusterRoleAggregation');
  private subscription?: Subscription;
  private queue: Promise<void> = Promise.resolve();
  private pending = false;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly cache: RbacPolicyCache,
    private readonly resources: ResourceService,
  ) {}

  /** Follows the policy cache (which must be started) and syncs at once. Idempotent. */
  start(): void {
    if (this.subscription || this.stopped) return;
    this.subscription = this.cache.changes$.pipe(filter((resource) => resource === 'clusterroles')).subscribe(() => this.schedule());
    this.schedule();
  }

  private schedule(): void {
    if (this.pending || this.stopped) return;
    this.pending = true;
    this.queue = this.queue.then(() => {
      this.pending = false;
      return this.syncAll();
    });
  }

  private async syncAll(): Promise<void> {
    if (this.stopped) return;
    const roles = this.cache.clusterRoles();
    let failed = false;
    for (const role of roles) {
      failed = !(await this.sync(role, roles)) || failed;
    }
    if (failed && !this.stopped) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.schedule(), RETRY_DELAY_MS);
    }
  }

  /** False when the role should be synced again later. */
  private async sync(role: RoleObject, roles: RoleObject[]): Promise<boolean> {
    const name = role.metadata?.name ?? '';
    let rules;
    try {
      rules = aggregatedRules(role, roles);
    } catch (error) {
      this.logger.warn(`ClusterRole "${name}": ${(error as Error).message}`);
      return true;
    }
    if (rules === undefined || sameRules(rules, role.rules)) return true;
    const scope = this.resources.scope({ group: RBAC_GROUP, version: RBAC_VERSION, resource: 'clusterroles' }, undefined, SYSTEM_USER);
    try {
      await this.resources.update(scope, name, { ...role, rules });
      return true;
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) return true;
      this.logger.warn(`ClusterRole "${name}": aggregation failed: ${(error as Error).message}`);
      return false;
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.subscription?.unsubscribe();
  }
}
