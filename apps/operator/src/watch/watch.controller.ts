import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSseWatch, TAG } from '../docs/decorators.js';
import { ChangeAuthorizer, SseQueryParams, SseService } from '@app/watch';
import { InFlightRequests } from '../http/in-flight.js';

/**
 * `GET /watch`: Server-Sent Events of resource changes. Query: `kind` (comma list, default
 * Application), `namespace`, `name`, `labelSelector`, `include=events`, `resourceVersion`; the
 * `Last-Event-ID` header resumes. Bad parameters answer a 400 Status before any streaming.
 */
@ApiTags(TAG.watch)
@Controller('watch')
export class WatchController {
  constructor(private readonly sse: SseService) {}

  @Get()
  @ApiOperation({ summary: 'Server-Sent Events of resource changes (and, with include=events, their Events)', description: 'Resumable with `Last-Event-ID` or `?resourceVersion=`. Try it with `curl -sN \'http://localhost:3000/watch?kind=Application&include=events\'`.' })
  @ApiSseWatch()
  watch(@Query() query: SseQueryParams, @Headers('last-event-id') lastEventId: string | undefined, @Res() res: Response): void {
    // Set by the security filters: only the changes the caller may watch (absent: every change).
    this.sse.open(res, query, lastEventId, (res.locals as { authorizeChange?: ChangeAuthorizer }).authorizeChange);
    InFlightRequests.markLongRunning(res);
  }
}
