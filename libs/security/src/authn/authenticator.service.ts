import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccessControlModuleOptions } from '../access-control-options.interface.js';
import { ACCESS_CONTROL_OPTIONS, DEFAULT_TOKEN_RELOAD_INTERVAL_MS } from '../security.constants.js';
import { bearerToken } from './bearer-token.js';
import { ensureBootstrapToken } from './bootstrap-credentials.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { AuthenticatedUser } from './user.js';

/** Who a request is, or why it is nobody: no credentials at all, or credentials that did not match. */
export type AuthenticationResult = { user: AuthenticatedUser } | { user?: undefined; failure: 'none' | 'invalid' };

/**
 * Authenticates `Authorization: Bearer` headers against the token files (and the AUTH_BOOTSTRAP
 * admin token, generated into the data directory on first start). Files are re-read when they
 * change, checked every `tokenReloadIntervalMs`; a broken reload keeps the previous tokens and
 * logs why. Never logs a token. With mode `none` it is disabled and authenticates nobody.
 */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Authentication');
  private tokens?: TokenAuthenticator;
  private timer?: NodeJS.Timeout;

  constructor(@Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions) {}

  get enabled(): boolean {
    return this.options.mode === 'token';
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    const files = [...(this.options.tokenFiles ?? [])];
    if (this.options.bootstrapDataDir) {
      const bootstrap = ensureBootstrapToken(this.options.bootstrapDataDir);
      this.logger.log(`${bootstrap.created ? 'generated an admin token (group system:masters) in' : 'using the admin token in'} ${bootstrap.tokenFile} (mode 0600)`);
      files.push(bootstrap.tokenFile);
    }
    this.tokens = new TokenAuthenticator(files);
    this.logger.log(`bearer token authentication: ${this.tokens.size} token(s) from ${files.join(', ')}`);
    this.timer = setInterval(() => this.reload(), this.options.tokenReloadIntervalMs ?? DEFAULT_TOKEN_RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  authenticate(authorization: string | undefined): AuthenticationResult {
    const token = bearerToken(authorization);
    if (token === undefined) return { failure: 'none' };
    const user = token === '' ? undefined : this.tokens?.authenticate(token);
    return user ? { user } : { failure: 'invalid' };
  }

  /** Re-reads changed token files now (also done periodically). */
  reload(): void {
    const outcome = this.tokens?.reloadIfChanged();
    for (const path of outcome?.reloaded ?? []) this.logger.log(`reloaded token file ${path} (${this.tokens!.size} token(s) in all)`);
    for (const error of outcome?.errors ?? []) this.logger.error(`token file not reloaded, previous tokens kept: ${error}`);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
