import { defer, Observable } from 'rxjs';
import { ResourceChange } from '@app/resources';

/** First the revision a stream starts at, then every change after it. */
export type StartedStreamItem = { start: number } | { change: ResourceChange };

/**
 * Subscribes to `changes$` BEFORE calling `start()` for the start revision, holds changes until it is known,
 * then emits `{ start }` followed only by changes with a higher revision. So a change committed
 * after the start revision is never missed, and a client that resumes from `start` (or from any
 * later change it received) gets no gap.
 */
export function withStartRevision(changes$: Observable<ResourceChange>, start: () => Promise<number> | number): Observable<StartedStreamItem> {
  return new Observable<StartedStreamItem>((subscriber) => {
    let held: ResourceChange[] | undefined = [];
    let startRevision = 0;
    let completed = false;
    const emit = (change: ResourceChange) => {
      if (change.revision > startRevision) subscriber.next({ change });
    };
    const changes = changes$.subscribe({
      next: (change) => (held ? held.push(change) : emit(change)),
      error: (error: unknown) => subscriber.error(error),
      complete: () => (held ? (completed = true) : subscriber.complete()),
    });
    const started = defer(async () => start()).subscribe({
      next: (revision) => {
        startRevision = revision;
        const pending = held ?? [];
        held = undefined;
        subscriber.next({ start: revision });
        pending.forEach(emit);
        if (completed) subscriber.complete();
      },
      error: (error: unknown) => subscriber.error(error),
    });
    return () => {
      changes.unsubscribe();
      started.unsubscribe();
    };
  });
}
