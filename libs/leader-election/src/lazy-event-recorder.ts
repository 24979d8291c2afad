import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventInput, EventRecorder } from '@app/events';

/**
 * The application's EventRecorder, looked up when the first leadership event is recorded rather
 * than injected: EventsModule injects Leadership (for `reportingInstance`), so injecting
 * EventRecorder into Leadership is a cycle in which Nest resolves one optional side as undefined.
 * Without an EventRecorder in the application, recording does nothing. Never throws.
 */
@Injectable()
export class LazyEventRecorder extends EventRecorder {
  private recorder?: EventRecorder | null;

  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  record(input: EventInput): void {
    this.resolve()?.record(input);
  }

  async flush(): Promise<void> {
    await this.resolve()?.flush();
  }

  private resolve(): EventRecorder | undefined {
    if (this.recorder === undefined) {
      try {
        this.recorder = this.moduleRef.get(EventRecorder, { strict: false });
      } catch {
        this.recorder = null;
      }
    }
    return this.recorder ?? undefined;
  }
}
