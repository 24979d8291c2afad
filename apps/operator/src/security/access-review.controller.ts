import { All, Controller, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { MethodNotAllowedError } from '@app/api-machinery';
import { SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS } from '@app/security';

/**
 * The self access review resources support only `create`, which selfReviewFilter answers before
 * routing. Every other request on them lands here, ahead of the generic API handler (so nothing
 * is read from or written to the store), and is answered 405 MethodNotAllowed.
 */
@ApiExcludeController() // only answers 405; the reviews' POST is described from the registry (docs/kube-api-paths.ts)
@Controller('apis/authorization.k8s.io/v1')
export class AccessReviewController {
  @All([SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS, `${SELF_SUBJECT_ACCESS_REVIEWS}/*path`, `${SELF_SUBJECT_RULES_REVIEWS}/*path`])
  other(@Req() req: Request): never {
    throw new MethodNotAllowedError(req.method, req.path);
  }
}
