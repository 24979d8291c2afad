import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TAG } from '../docs/decorators.js';
import { DASHBOARD_AUTH_SCRIPT } from './dashboard-auth.script.js';

/** `GET /security/dashboard-auth.js`: the dashboard's token prompt (public, like the page itself). */
@ApiTags(TAG.dashboard)
@Controller('security')
export class DashboardAuthController {
  @Get('dashboard-auth.js')
  @ApiOperation({ summary: 'The dashboard\'s bearer-token prompt (a script)' })
  @ApiOkResponse({ description: 'JavaScript.', content: { 'text/javascript': { schema: { type: 'string' } } } })
  script(@Res() res: Response): void {
    res
      .status(200)
      .set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
      .send(DASHBOARD_AUTH_SCRIPT);
  }
}
