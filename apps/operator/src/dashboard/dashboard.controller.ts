import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiStatusResponses, TAG } from '../docs/decorators.js';
import { PathNotFoundError } from '@app/api-machinery';
import { DashboardAsset, DashboardAssets } from './dashboard-assets.js';

/** Same-origin only: the page loads nothing from elsewhere (it works offline). */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET /dashboard`: the live dashboard page; `GET /dashboard/assets/<file>`: its stylesheet and modules. */
@ApiTags(TAG.dashboard)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  @ApiOperation({ summary: 'The live dashboard: Applications, events, leader, work queue (open it in a browser)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  page(@Res() res: Response): void {
    send(res, this.assets.page());
  }

  @Get('assets/:file')
  @ApiOperation({ summary: 'One of the dashboard\'s stylesheet and JavaScript modules' })
  @ApiParam({ name: 'file', example: 'main.js' })
  @ApiOkResponse({ description: 'The asset.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } })
  @ApiStatusResponses([404])
  async asset(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const asset = await this.assets.asset(file);
    if (!asset) throw new PathNotFoundError();
    send(res, asset);
  }
}

function send(res: Response, asset: DashboardAsset): void {
  res
    .status(200)
    .set({
      'Content-Type': asset.contentType,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    })
    .send(asset.body);
}
