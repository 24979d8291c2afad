import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheckResult, HealthService } from './health.service.js';

/**
 * `/healthz` (liveness) and `/readyz` (readiness). `?verbose` answers kube-apiserver's text
 * form (`[+]name ok` / `[-]name failed: reason`); otherwise a JSON summary of every check.
 */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  async healthz(@Query('verbose') verbose: string | undefined, @Res() res: Response): Promise<void> {
    respond(res, 'healthz', await this.health.live(), verbose !== undefined);
  }

  @Get(['livez'])
  async livez(@Query('verbose') verbose: string | undefined, @Res() res: Response): Promise<void> {
    respond(res, 'livez', await this.health.live(), verbose !== undefined);
  }

  @Get('readyz')
  async readyz(@Query('verbose') verbose: string | undefined, @Res() res: Response): Promise<void> {
    respond(res, 'readyz', await this.health.ready(), verbose !== undefined);
  }
}

function respond(res: Response, probe: string, checks: HealthCheckResult[], verbose: boolean): void {
  const ok = checks.every((c) => c.ok);
  res.status(ok ? 200 : 503).setHeader('Cache-Control', 'no-store');
  if (verbose) {
    const lines = checks.map((c) => (c.ok ? `[+]${c.name} ok` : `[-]${c.name} failed: ${c.message ?? 'reason withheld'}`));
    res.type('text/plain').send(`${lines.join('\n')}\n${probe} check ${ok ? 'passed' : 'failed'}\n`);
    return;
  }
  res.json({ status: ok ? 'ok' : 'failed', checks: Object.fromEntries(checks.map((c) => [c.name, c.ok ? 'ok' : c.message ?? 'failed'])) });
}
