import { All, Controller, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { MethodNotAllowedError } from '@app/api-machinery';
import { LOCAL_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_REVIEWS, SELF_SUBJECT_RULES_REVIEWS, SUBJECT_ACCESS_REVIEWS, TOKEN_REVIEWS } from '@app/security';

const AUTHORIZATION = [SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS, SUBJECT_ACCESS_REVIEWS, `namespaces/:namespace/${LOCAL_SUBJECT_ACCESS_REVIEWS}`];
const AUTHENTICATION = [TOKEN_REVIEWS, SELF_SUBJECT_REVIEWS];
const withSubpaths = (paths: string[]) => paths.flatMap((path) => [path, `${path}/*path`]);

/**
 * The review resources support only `create`, which selfReviewFilter answers before routing.
 * Every other request on them lands here, ahead of the generic API handler (so nothing is read
 * from or written to the store), and is answered 405 MethodNotAllowed.
 */
@ApiExcludeController() // only answers 405; the reviews' POST is described from the registry (docs/kube-api-paths.ts)
@Controller('apis')
export class AccessReviewController {
  @All([...withSubpaths(AUTHORIZATION.map((path) => `authorization.k8s.io/v1/${path}`)), ...withSubpaths(AUTHENTICATION.map((path) => `authentication.k8s.io/v1/${path}`))])
  other(@Req() req: Request): never {
    throw new MethodNotAllowedError(req.method, req.path);
  }
}
