import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TAG } from '../docs/decorators.js';
import { PathNotFoundError } from '@app/api-machinery';
import type { SerializedDocument } from '@app/crd';
import { OpenApiService } from './openapi.service.js';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * OpenAPI v3 as kube-apiserver serves it (kube-openapi handler3): the index at `/openapi/v3`
 * and one document per group-version, always JSON, with an `ETag` (304 on `If-None-Match`). A
 * document asked with its current `?hash=` is immutable; with a stale hash it redirects (301)
 * to the current URL.
 */
@ApiTags(TAG.discovery)
@Controller('openapi/v3')
export class OpenApiController {
  constructor(private readonly openapi: OpenApiService) {}

  @Get()
  @ApiOperation({ summary: 'The OpenAPI v3 index: each group-version\'s document URL with its hash' })
  @ApiOkResponse({ description: '`{ paths: { "apis/<group>/<version>": { serverRelativeURL } } }`', schema: { type: 'object', properties: { paths: { type: 'object', additionalProperties: { type: 'object', properties: { serverRelativeURL: { type: 'string' } } } } } } })
  index(@Req() req: Request, @Res() res: Response): void {
    send(req, res, this.openapi.index());
  }

  @Get('*path')
  @ApiExcludeEndpoint() // a wildcard: described as /openapi/v3/api/{version} and /openapi/v3/apis/{group}/{version} (docs/discovery-paths.ts)
  groupVersion(@Req() req: Request, @Res() res: Response): void {
    const path = req.path.replace(/^\/openapi\/v3\//, '').replace(/\/+$/, '');
    const document = this.openapi.document(path);
    if (!document) throw new PathNotFoundError();
    res.setHeader('Vary', 'Accept');
    const hash = typeof req.query.hash === 'string' ? req.query.hash : undefined;
    if (hash !== undefined && hash !== document.hash) {
      res.redirect(301, `/openapi/v3/${path}?hash=${document.hash}`);
      return;
    }
    if (hash !== undefined) {
      res.setHeader('Cache-Control', 'public, immutable');
      res.setHeader('Expires', new Date(Date.now() + ONE_YEAR_MS).toUTCString());
    }
    send(req, res, document);
  }
}

function send(req: Request, res: Response, document: SerializedDocument): void {
  const etag = `"${document.hash}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Content-Type', 'application/json');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.status(200).end(req.method === 'HEAD' ? undefined : document.json);
}
