import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Subject, toArray, firstValueFrom } from 'rxjs';
import { ResourceChange } from '@app/resources';
import { APPLICATIONS, application } from '../testing/fake-change-feed.js';
import { StartedStreamItem, withStartRevision } from './start-revision.js';

const at = (revision: number): ResourceChange => ({ type: 'MODIFIED', resource: APPLICATIONS, object: application('default', `a${revision}`), revision });
const describeItem = (item: StartedStreamItem) => ('start' in item ? `start:${item.start}` : `change:${item.change.revision}`);

describe(withStartRevision.name, () => {
  it('subscribes to changes before reading the start revision, holds them, then emits only later ones', async () => {
    const changes$ = new Subject<ResourceChange>();
    let resolveStart!: (revision: number) => void;
    let subscribedWhenStartRead = false;
    const items = firstValueFrom(
      withStartRevision(changes$, () => {
        subscribedWhenStartRead = changes$.observed;
        return new Promise<number>((resolve) => (resolveStart = resolve));
      }).pipe(toArray()),
    );
    assert.equal(subscribedWhenStartRead, true);
    changes$.next(at(4));
    changes$.next(at(5));
    changes$.next(at(6));
    resolveStart(5);
    await Promise.resolve();
    changes$.next(at(7));
    changes$.complete();
    assert.deepEqual((await items).map(describeItem), ['start:5', 'change:6', 'change:7']);
  });

  it('completes after the start when the changes completed while it was pending', async () => {
    const changes$ = new Subject<ResourceChange>();
    const items = firstValueFrom(withStartRevision(changes$, () => 3).pipe(toArray()));
    changes$.next(at(4));
    changes$.complete();
    assert.deepEqual((await items).map(describeItem), ['start:3', 'change:4']);
  });

  it('fails when the start revision cannot be read', async () => {
    const items = firstValueFrom(withStartRevision(new Subject<ResourceChange>(), () => Promise.reject(new Error('store closed'))));
    await assert.rejects(items, /store closed/);
  });
});
