import { Injectable } from '@nestjs/common';
import { BadRequestError } from '@app/api-machinery';
import type { UserInfo } from '@app/resources';
import { Authenticator } from '../authn/authenticator.service.js';
import { AUTHENTICATION_GROUP, AUTHENTICATION_VERSION } from '../definitions/authorization.definitions.js';
import { metadataOf, Obj, reviewBody, strings, text } from './review-body.js';

const API_VERSION = `${AUTHENTICATION_GROUP}/${AUTHENTICATION_VERSION}`;

/**
 * The reviews of `authentication.k8s.io/v1`: `TokenReview` (who is this token? asked by a
 * delegating authenticator, such as a cluster-mode operator, with `create tokenreviews`) answered
 * by the same authenticator as requests, and `SelfSubjectReview` (who am I? `kubectl auth
 * whoami`). Nothing is stored. A token is never logged or echoed beyond its own review.
 */
@Injectable()
export class TokenReviewService {
  constructor(private readonly authenticator: Authenticator) {}

  async tokenReview(body: unknown): Promise<Obj> {
    const review = reviewBody(body, 'TokenReview', API_VERSION);
    const spec = review.spec as Obj;
    const token = text(spec.token);
    if (token === '') throw new BadRequestError('token is required for TokenReview in authentication');
    const user = await this.authenticator.authenticateToken(token);
    const audiences = strings(spec.audiences);
    const status = user ? { authenticated: true, user: userInfo(user), ...(audiences.length > 0 ? { audiences } : {}) } : { user: {} };
    return { apiVersion: API_VERSION, kind: 'TokenReview', metadata: { ...metadataOf(review), creationTimestamp: null }, spec, status };
  }

  selfSubjectReview(user: UserInfo, body: unknown): Obj {
    const review = reviewBody(body, 'SelfSubjectReview', API_VERSION);
    return { apiVersion: API_VERSION, kind: 'SelfSubjectReview', metadata: { ...metadataOf(review), creationTimestamp: null }, status: { userInfo: userInfo(user) } };
  }
}

function userInfo(user: UserInfo): Obj {
  return { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups ?? [], ...(user.extra ? { extra: user.extra } : {}) };
}
