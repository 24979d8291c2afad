import { createHash } from 'node:crypto';
import type { AuthenticatedUser } from '../authn/user.js';
import { ExpiringCache } from './expiring-cache.js';
import { TokenReviewer } from './token-reviewer.js';

/** How long a review's answer is reused (controller-runtime's delegating authenticator: 1 minute for both). */
export interface TokenReviewCacheTtls {
  authenticatedMs: number;
  unauthenticatedMs: number;
}

export const DEFAULT_TOKEN_REVIEW_TTLS: TokenReviewCacheTtls = { authenticatedMs: 60_000, unauthenticatedMs: 60_000 };
const MAX_ENTRIES = 10_000;

/**
 * A TokenReviewer that remembers answers, as kube's cached token authenticator does: valid and
 * invalid tokens for their TTL, errors never. The key is the token's SHA-256 digest, so the cache
 * holds no token. Concurrent reviews of one token share one request.
 */
export class CachedTokenReviewer {
  private readonly answers: ExpiringCache<AuthenticatedUser | null>;
  private readonly pending = new Map<string, Promise<AuthenticatedUser | undefined>>();

  constructor(
    private readonly reviewer: TokenReviewer,
    private readonly ttls: TokenReviewCacheTtls = DEFAULT_TOKEN_REVIEW_TTLS,
    now?: () => number,
  ) {
    this.answers = new ExpiringCache(MAX_ENTRIES, now);
  }

  get server(): string {
    return this.reviewer.server;
  }

  review(token: string): Promise<AuthenticatedUser | undefined> {
    const key = createHash('sha256').update(token, 'utf8').digest('base64');
    const cached = this.answers.get(key);
    if (cached !== undefined) return Promise.resolve(cached ?? undefined);
    let review = this.pending.get(key);
    if (!review) {
      review = this.reviewer.review(token).then((user) => {
        this.answers.set(key, user ?? null, user ? this.ttls.authenticatedMs : this.ttls.unauthenticatedMs);
        return user;
      });
      const settled = () => this.pending.delete(key);
      review.then(settled, settled);
      this.pending.set(key, review);
    }
    return review;
  }
}
