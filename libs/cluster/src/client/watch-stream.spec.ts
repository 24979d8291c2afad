import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpiredError, ForbiddenError } from '@app/api-machinery';
import { Watch } from '@kubernetes/client-node';
import { KubeConnectionError } from './status-errors.js';
import { watchStream } from './watch-stream.js';

type Callback = (type: string, object: unknown) => void;
type Done = (error: unknown) => void;

/** Stands in for client-node's Watch: the test drives the callbacks. */
class FakeWatch {
  callback!: Callback;
  done!: Done;
  readonly controller = new AbortController();
  query?: Record<string, string | undefined>;

  watch(_path: string, query: Record<string, string | undefined>, callback: Callback, done: Done): Promise<AbortController> {
    [this.query, this.callback, this.done] = [query, callback, done];
    return Promise.resolve(this.controller);
  }
}

function open(deadlineMs?: number) {
  const fake = new FakeWatch();
  const seen: string[] = [];
  let failure: unknown;
  let completed = false;
  const subscription = watchStream(fake as unknown as Watch, 'https://cluster', '/api/v1/events', { resourceVersion: '5' }, deadlineMs).subscribe({
    next: (event) => seen.push(`${event.type} ${(event.object as { metadata?: { name?: string } }).metadata?.name}`),
    error: (error: unknown) => (failure = error),
    complete: () => (completed = true),
  });
  return { fake, seen, subscription, failure: () => failure, completed: () => completed };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(watchStream.name, () => {
  it('emits each event and completes when the server ends the stream', async () => {
    const watch = open();
    await tick();
    assert.deepEqual(watch.fake.query, { resourceVersion: '5' });
    watch.fake.callback('ADDED', { metadata: { name: 'a' } });
    watch.fake.callback('BOOKMARK', { metadata: { resourceVersion: '9' } });
    watch.fake.done(null);
    assert.deepEqual(watch.seen, ['ADDED a', 'BOOKMARK undefined']);
    assert.equal(watch.completed(), true);
  });

  it('turns an ERROR event or a refused watch into the StatusError (410 → ExpiredError), a broken one into KubeConnectionError', async () => {
    const expired = open();
    await tick();
    expired.fake.callback('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 5 (90)' });
    assert.ok(expired.failure() instanceof ExpiredError);
    assert.equal((expired.failure() as Error).message, 'too old resource version: 5 (90)');
    const refused = open();
    await tick();
    refused.fake.done(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    assert.ok(refused.failure() instanceof ForbiddenError);
    const broken = open();
    await tick();
    broken.fake.done(new Error('Premature close'));
    assert.ok(broken.failure() instanceof KubeConnectionError);
  });

  it('aborts the request on unsubscribe, and a watch that outlives its deadline', async (t) => {
    const watch = open();
    await tick();
    watch.subscription.unsubscribe();
    assert.equal(watch.fake.controller.signal.aborted, true);
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const stuck = open(60_000);
    await tick();
    t.mock.timers.tick(59_999);
    assert.equal(stuck.completed(), false);
    t.mock.timers.tick(1);
    assert.deepEqual([stuck.completed(), stuck.fake.controller.signal.aborted], [true, true]);
  });
});
