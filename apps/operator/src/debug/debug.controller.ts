import { Controller, Get } from '@nestjs/common';
import { QueueSnapshot, ReconcilerService } from '@app/reconciler';

/** Operator introspection. `GET /debug/queue`: queued, processing and waiting reconcile keys with retries, last error and next attempt. */
@Controller('debug')
export class DebugController {
  constructor(private readonly reconciler: ReconcilerService) {}

  @Get('queue')
  queue(): QueueSnapshot {
    return this.reconciler.snapshot();
  }
}
