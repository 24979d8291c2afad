import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Subject } from 'rxjs';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { ResourceWatchEvent } from '@app/resources';
import { SessionEndReason } from '../stream/client-session.js';
import { application } from '../testing/fake-change-feed.js';
import { watchFixture } from '../testing/watch-fixture.js';
import { KubeWatchResponder } from './kube-watch-responder.js';

const KIND = { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1' };
const event = (type: ResourceWatchEvent['type'], resourceVersion: string): ResourceWatchEvent => {
  const object = type === 'BOOKMARK' ? { ...KIND, metadata: {} } : application('default', 'a');
  return { type, object: { ...object, metadata: { ...object.metadata, resourceVersion } } };
};

function kubeConfig(server: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'operator', server, skipTLSVerify: true }],
    users: [{ name: 'anonymous' }],
    contexts: [{ name: 'operator', cluster: 'operator', user: 'anonymous' }],
    currentContext: 'operator',
  });
  return config;
}

describe('KubeWatchResponder with @kubernetes/client-node', () => {
  afterEach(() => mock.timers.reset());

  it('is decoded by client-node Watch: blank keepalive lines are skipped, bookmarks and events arrive in order', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const fixture = await watchFixture();
    const responder = new KubeWatchResponder(fixture.hub, {}, fixture.metrics.sent, fixture.metrics.dropped);
    const events$ = new Subject<ResourceWatchEvent>();
    const served = new Promise<{ done: Promise<SessionEndReason> }>((resolve) =>
      fixture.handle((req, res) => {
        assert.equal(new URL(req.url ?? '', 'http://x').searchParams.get('watch'), 'true');
        resolve({ done: responder.serve(res, events$, { ...KIND, allowWatchBookmarks: true, keepaliveIntervalMs: 1_000 }) });
      }),
    );
    const received: Array<[string, string | undefined]> = [];
    let seen!: () => void;
    const threeSeen = new Promise<void>((resolve) => (seen = resolve));
    const finished = new Promise<unknown>((resolve) => {
      void new Watch(kubeConfig(fixture.url)).watch(
        '/apis/cloudnative.elide.dev/v1/applications',
        { allowWatchBookmarks: true },
        (type: string, object: { metadata?: { resourceVersion?: string } }) => {
          received.push([type, object.metadata?.resourceVersion]);
          if (received.length === 3) seen();
        },
        resolve,
      );
    });
    const { done } = await served;
    mock.timers.tick(3_000);
    events$.next(event('ADDED', '1'));
    mock.timers.tick(1_000);
    events$.next(event('BOOKMARK', '2'));
    mock.timers.tick(1_000);
    events$.next(event('MODIFIED', '3'));
    await threeSeen;
    events$.complete();
    assert.equal(await done, 'completed');
    assert.equal(await finished, null);
    assert.deepEqual(received, [['ADDED', '1'], ['BOOKMARK', '2'], ['MODIFIED', '3']]);
    await fixture.close();
  });
});
