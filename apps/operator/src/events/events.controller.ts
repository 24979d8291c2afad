import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventQueryParams, EventQueryResult, EventQueryService } from '@app/events';
import { BadRequestError } from '@app/api-machinery';
import { ApiJsonOk, ApiStatusResponses, SCHEMA } from '../docs/decorators.js';

const params: Array<[name: keyof EventQueryParams, description: string]> = [
  ['namespace', 'Only events in this namespace (default: all namespaces).'],
  ['kind', 'involvedObject.kind, exact (Application, Node, ...).'],
  ['name', 'involvedObject.name, exact.'],
  ['type', 'Normal or Warning.'],
  ['severity', 'Info, Warning, Error or Critical.'],
  ['reason', 'Exact reason (PascalCase).'],
  ['since', 'lastTimestamp at or after an RFC 3339 time, or within a Go duration of now (5m, 1h30m).'],
  ['limit', 'At most this many items, 1 to 1000 (default 100); `total` still counts every match.'],
];

/** `GET /events`: recorded Kubernetes events, filtered, newest first. Bad filters answer 400. */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Query events, newest first (lastTimestamp, then resourceVersion).' })
  @ApiOkResponse({ description: '{ kind: EventQueryResult, metadata: { resourceVersion }, total, limit, items: EventSummary[] }' })
  @ApiJsonOk(SCHEMA.eventQueryResult)
  @ApiStatusResponses([400], { 400: { description: 'A bad filter (unknown type or severity, bad `since`, `limit` out of range).', example: new BadRequestError('type "Bogus" is not supported: supported values: "Normal", "Warning"') } })
  @applyDecorators(...params.map(([name, description]) => ApiQuery({ name, description, required: false, type: String })))
  query(@Query() query: EventQueryParams): Promise<EventQueryResult> {
    return this.events.query(query);
  }
}
