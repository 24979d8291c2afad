import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PathNotFoundError } from '@app/api-machinery';
import { DashboardAsset, DashboardAssets } from './dashboard-assets.js';

/** Same-origin only: the page loads nothing from elsewhere (it works offline). */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET /dashboard`: the live dashboard page; `GET /dashboard/assets/<file>`: its stylesheet and modules. */
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  page(@Res() res: Response): void {
    send(res, this.assets.page());
  }

  @Get('assets/:file')
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
