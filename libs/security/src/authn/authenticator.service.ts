import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { AccessControlModuleOptions } from '../access-control-options.interface.js';
import { CachedTokenReviewer } from '../delegation/cached-token-reviewer.js';
import { TokenReviewer } from '../delegation/token-reviewer.js';
import { ACCESS_CONTROL_OPTIONS, DEFAULT_TOKEN_RELOAD_INTERVAL_MS } from '../security.constants.js';
import { bearerToken } from './bearer-token.js';
import { ensureBootstrapToken } from './bootstrap-credentials.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { AuthenticatedUser } from './user.js';

/** Who a request is, or why it is nobody: no credentials at all, or credentials that did not match. */
export type AuthenticationResult = { user: AuthenticatedUser } | { user?: undefined; failure: 'none' | 'invalid' };

/**
 * Authenticates `Authorization: Bearer` headers against the token files (and the AUTH_BOOTSTRAP
 * admin token, generated into the data directory on first start), then, for a token no file
 * holds, through the TokenReviewer when one is provided (cluster mode: a TokenReview to the
 * cluster, answers cached a minute), as kube-apiserver's union authenticator tries its
 * authenticators in order. Files are re-read when they change, checked every
 * `tokenReloadIntervalMs`; a broken reload keeps the previous tokens and logs why. A review that
 * fails (the cluster unreachable) authenticates nobody and is logged. Never logs a token. With
 * mode `none` it is disabled and authenticates nobody.
 */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Authentication');
  private tokens?: TokenAuthenticator;
  private timer?: NodeJS.Timeout;
  private readonly reviewer?: CachedTokenReviewer;

  constructor(
    @Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions,
    @Optional() reviewer?: TokenReviewer,
  ) {
    this.reviewer = reviewer ? new CachedTokenReviewer(reviewer, options.tokenReviewCacheTtls) : undefined;
  }

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
    const review = this.reviewer ? `, then TokenReview at ${this.reviewer.server}` : '';
    this.logger.log(`bearer token authentication: ${this.tokens.size} token(s) from ${files.join(', ') || 'no token file'}${review}`);
    this.timer = setInterval(() => this.reload(), this.options.tokenReloadIntervalMs ?? DEFAULT_TOKEN_RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  async authenticate(authorization: string | undefined): Promise<AuthenticationResult> {
    const token = bearerToken(authorization);
    if (token === undefined) return { failure: 'none' };
    const user = await this.authenticateToken(token);
    return user ? { user } : { failure: 'invalid' };
  }

  /** The user a bearer token stands for (token files first, then the TokenReviewer), or undefined. */
  async authenticateToken(token: string): Promise<AuthenticatedUser | undefined> {
    if (!this.enabled || token === '') return undefined;
    return this.tokens?.authenticate(token) ?? (await this.review(token));
  }

  private async review(token: string): Promise<AuthenticatedUser | undefined> {
    if (!this.reviewer) return undefined;
    try {
      return await this.reviewer.review(token);
    } catch (error) {
      this.logger.warn(`TokenReview at ${this.reviewer.server} failed, request refused 401: ${(error as Error).message}`);
      return undefined;
    }
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
