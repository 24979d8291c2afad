import { All, Controller, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { PathNotFoundError, MethodNotAllowedError } from '@app/api-machinery';
import type { ParsedRequest } from '../http/body.middleware.js';
import { KubeApiHandler } from './kube-api.handler.js';
import { requestInfoOf } from './request-info-of.js';

/** The catch-all routes of the Kubernetes API (the bootstrap's shortcut to them looks them up by these). */
export const KUBE_API_ROUTES = ['api', 'api/*path', 'apis', 'apis/*path'];

/** Every Kubernetes API path (`/api/...`, `/apis/...`): parsed here, served by KubeApiHandler. */
@ApiExcludeController() // described from the CRD registry instead (docs/kube-api-paths.ts)
@Controller()
export class KubeApiController {
  constructor(private readonly handler: KubeApiHandler) {}

  @All(KUBE_API_ROUTES)
  async serve(@Req() req: ParsedRequest, @Res() res: Response): Promise<void> {
    const info = requestInfoOf(req);
    if (!info) throw req.method === 'GET' ? new PathNotFoundError() : new MethodNotAllowedError(req.method, req.path);
    if (info.kind === 'discovery' && req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowedError(req.method, req.path);
    await this.handler.handle(info, req, res);
  }
}
