import { DynamicModule, Module } from '@nestjs/common';
import { OperatorConfig } from '@app/config';
import { AccessControlModule, AccessControlModuleOptions, DelegatedAccessControlModule } from '@app/security';
import { AccessReviewController } from './access-review.controller.js';
import { DashboardAuthController } from './dashboard-auth.controller.js';
import { SecurityGate } from './security-gate.js';
import { SecurityStartup } from './security-startup.js';

/**
 * The API's security: access control (AccessControlModule from @app/security, configured from
 * OperatorConfig; in cluster mode DelegatedAccessControlModule, which asks the cluster), the
 * self access review endpoints (standalone), the dashboard's token script, and the SecurityGate
 * whose filters bootstrap.ts installs before the body middleware. Import it before
 * KubeApiModule so the review routes win over the generic `/apis/*` handler.
 */
@Module({})
export class SecurityModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    const cluster = config.MODE === 'cluster';
    const accessControl = cluster ? DelegatedAccessControlModule : AccessControlModule;
    return {
      module: SecurityModule,
      imports: [accessControl.forRoot(accessControlOptions(config))],
      controllers: cluster ? [DashboardAuthController] : [AccessReviewController, DashboardAuthController],
      providers: [SecurityGate, SecurityStartup],
      exports: [SecurityGate],
    };
  }
}

/** OperatorConfig → AccessControlModule options. */
export function accessControlOptions(config: OperatorConfig): AccessControlModuleOptions {
  return {
    mode: config.AUTH_MODE,
    tokenFiles: config.TOKEN_AUTH_FILE ? [config.TOKEN_AUTH_FILE] : [],
    bootstrapDataDir: config.AUTH_BOOTSTRAP ? config.DATA_DIR : undefined,
    rbacFile: config.RBAC_FILE,
    metricsAnonymous: config.METRICS_ANONYMOUS,
    maxRequestsInFlight: config.MAX_REQUESTS_INFLIGHT,
    maxMutatingRequestsInFlight: config.MAX_MUTATING_REQUESTS_INFLIGHT,
    requestTimeoutSeconds: config.REQUEST_TIMEOUT_SECONDS,
    audit: config.AUDIT_LOG_PATH
      ? { path: config.AUDIT_LOG_PATH, level: config.AUDIT_LEVEL, maxSizeBytes: Math.round(config.AUDIT_LOG_MAX_SIZE_MB * 1024 * 1024), maxBackups: config.AUDIT_LOG_MAX_BACKUPS }
      : undefined,
  };
}
