import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TlsManager } from '@app/admission';
import { OperatorConfig, servesOpenApi } from '@app/config';
import { writeBootstrapKubeconfig } from '@app/security';

/**
 * Start-up messages and files: the loud warning when the API is served unauthenticated beyond
 * loopback (AUTH_MODE=none), and, with AUTH_BOOTSTRAP, the admin kubeconfig in DATA_DIR. It
 * targets the HTTPS port (which serves the whole API; kubectl sends tokens only over HTTPS)
 * and embeds the generated CA; with WEBHOOK_TLS=off it falls back to the HTTP port, once
 * listening, and says kubectl will not send the token there. Never logs the token.
 */
@Injectable()
export class SecurityStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly config: OperatorConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly tls: TlsManager,
  ) {}

  onApplicationBootstrap(): void {
    if (servesOpenApi(this.config) && this.config.MODE === 'cluster') {
      this.logger.warn(
        `AUTH_MODE=none with HOST=${this.config.HOST}: /metrics, /events, /watch, /leader and the cluster's Applications are served WITHOUT AUTHENTICATION ` +
          'to anyone who can reach this address. Unset AUTH_MODE to accept only the cluster\'s identities (TokenReview) and RBAC (SubjectAccessReview).',
      );
    } else if (servesOpenApi(this.config)) {
      this.logger.warn(
        `AUTH_MODE=none with HOST=${this.config.HOST}: the API is served WITHOUT AUTHENTICATION to anyone who can reach this address. ` +
          'Anyone can create, change and delete every Application. Set AUTH_BOOTSTRAP=true or TOKEN_AUTH_FILE to require tokens, or bind HOST=127.0.0.1.',
      );
    }
    if (this.config.AUTH_MODE !== 'token' || !this.config.AUTH_BOOTSTRAP) return;
    if (this.tls.enabled) {
      const host = this.config.WEBHOOK_DNS_NAMES[0] ?? 'localhost';
      this.writeKubeconfig(`https://${connectHost(host)}:${this.config.WEBHOOK_PORT}`, this.tls.caBundle());
      return;
    }
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.once('listening', () => {
      this.writeKubeconfig(`http://${connectHost(this.config.HOST)}:${(server.address() as AddressInfo).port}`);
      this.logger.warn('WEBHOOK_TLS=off: the admin kubeconfig points at plain HTTP, where kubectl does not send tokens; use WEBHOOK_TLS=auto for kubectl');
    });
  }

  private writeKubeconfig(server: string, certificateAuthority?: string): void {
    try {
      const path = writeBootstrapKubeconfig(this.config.DATA_DIR, server, certificateAuthority);
      this.logger.log(`wrote an admin kubeconfig for ${server} to ${path} (mode 0600): kubectl --kubeconfig ${path} get applications`);
    } catch (error) {
      this.logger.error(`could not write the admin kubeconfig: ${(error as Error).message}`);
    }
  }
}

/** The address a local client uses to reach a server bound to `host`. */
export function connectHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
