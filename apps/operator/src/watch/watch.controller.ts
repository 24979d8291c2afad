import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SseQueryParams, SseService } from '@app/watch';
import { InFlightRequests } from '../http/in-flight.js';

/**
 * `GET /watch`: Server-Sent Events of resource changes. Query: `kind` (comma list, default
 * Application), `namespace`, `name`, `labelSelector`, `include=events`, `resourceVersion`; the
 * `Last-Event-ID` header resumes. Bad parameters answer a 400 Status before any streaming.
 */
@Controller('watch')
export class WatchController {
  constructor(private readonly sse: SseService) {}

  @Get()
  watch(@Query() query: SseQueryParams, @Headers('last-event-id') lastEventId: string | undefined, @Res() res: Response): void {
    this.sse.open(res, query, lastEventId);
    InFlightRequests.markLongRunning(res);
  }
}
