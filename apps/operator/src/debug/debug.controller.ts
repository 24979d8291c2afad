import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOk, SCHEMA, TAG } from '../docs/decorators.js';
import { QueueSnapshot, ReconcilerService } from '@app/reconciler';

/** Operator introspection. `GET /debug/queue`: queued, processing and waiting reconcile keys with retries, last error and next attempt. */
@ApiTags(TAG.reconciler)
@Controller('debug')
export class DebugController {
  constructor(private readonly reconciler: ReconcilerService) {}

  @Get('queue')
  @ApiOperation({ summary: 'The work queue: queued, processing and waiting keys with retries, last error and next attempt' })
  @ApiJsonOk(SCHEMA.queueSnapshot)
  queue(): QueueSnapshot {
    return this.reconciler.snapshot();
  }
}
