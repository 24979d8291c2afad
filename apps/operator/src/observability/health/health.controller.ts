import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProbe, ApiProbeCheck, TAG } from '../../docs/decorators.js';
import { PathNotFoundError } from '@app/api-machinery';
import { HealthService } from './health.service.js';
import { probeResponse, ProbeResponse, singleCheckResponse } from './health-response.js';

type Probe = 'healthz' | 'livez' | 'readyz';

/**
 * `/healthz` and `/livez` (liveness), `/readyz` (readiness), and `/<probe>/<check>` for one
 * check, as kube-apiserver serves them. `?verbose` answers the text form; `?exclude=<check>`
 * (repeatable) skips a check. Never cached.
 */
@ApiTags(TAG.health)
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get(['healthz', 'livez', 'readyz'])
  @ApiOperation({ summary: 'Liveness (/healthz, /livez) or readiness (/readyz): every check, as kube-apiserver answers' })
  @ApiProbe()
  async probe(@Query('verbose') verbose: unknown, @Query('exclude') exclude: unknown, @Res() res: Response): Promise<void> {
    const probe = probeOf(res.req.path);
    const report = probe === 'readyz' ? await this.health.ready(list(exclude)) : await this.health.live(list(exclude));
    send(res, probeResponse(probe, report, verbose !== undefined));
  }

  @Get(['healthz/:check', 'livez/:check', 'readyz/:check'])
  @ApiOperation({ summary: 'One named check of a probe' })
  @ApiProbeCheck()
  async check(@Param('check') name: string, @Res() res: Response): Promise<void> {
    const readiness = probeOf(res.req.path) === 'readyz';
    const names = this.health.names(readiness);
    if (!names.includes(name)) throw new PathNotFoundError();
    const others = names.filter((other) => other !== name);
    const report = readiness ? await this.health.ready(others) : await this.health.live(others);
    send(res, singleCheckResponse(report.checks.find((check) => check.name === name)!));
  }
}

function probeOf(path: string): Probe {
  const first = path.split('/').filter(Boolean)[0];
  return first === 'readyz' || first === 'livez' ? first : 'healthz';
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).filter(Boolean);
}

function send(res: Response, response: ProbeResponse): void {
  res.status(response.status).setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.type(response.contentType).send(response.body);
}
