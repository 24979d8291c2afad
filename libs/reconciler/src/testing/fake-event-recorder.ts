import { EventInput, EventRecorder } from '@app/events';

/** Keeps every recorded event in memory, for specs. */
export class FakeEventRecorder extends EventRecorder {
  readonly events: EventInput[] = [];

  record(input: EventInput): void {
    this.events.push(input);
  }

  async flush(): Promise<void> {}

  reasons(): string[] {
    return this.events.map((event) => event.reason);
  }
}
