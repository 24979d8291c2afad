import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnOperator, tempDir } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';

describe('restart durability (e2e)', () => {
  const dir = tempDir('operator-durability-');
  after(() => dir.remove());

  it('loses nothing acknowledged across kill -9 and restart on the same DATA_DIR', async () => {
    const env = { STORAGE: 'sqlite', DATA_DIR: dir.path, RECONCILER_ENABLED: 'false' };
    const first = await spawnOperator(env);
    const http = new Http(first.url);
    const acknowledged = new Map<string, { replicas: number; resourceVersion: string }>();
    for (let i = 0; i < 40; i++) {
      const res = await http.post(`${APPS}/namespaces/durable/applications`, application(`app-${i}`, { replicas: i % 10 }));
      assert.equal(res.status, 201);
      acknowledged.set(`app-${i}`, { replicas: i % 10, resourceVersion: res.body.metadata.resourceVersion });
    }
    const refused = await http.patch(`${APPS}/namespaces/durable/applications/app-3`, { spec: { replicas: 420 } }, 'application/merge-patch+json');
    assert.equal(refused.status, 422, 'out of range is refused');
    const scaled = await http.patch(`${APPS}/namespaces/durable/applications/app-3`, { spec: { replicas: 77 } }, 'application/merge-patch+json');
    acknowledged.set('app-3', { replicas: 77, resourceVersion: scaled.body.metadata.resourceVersion });
    const removed = await http.delete(`${APPS}/namespaces/durable/applications/app-5`);
    assert.equal(removed.status, 200);
    acknowledged.delete('app-5');
    await first.kill('SIGKILL');

    const second = await spawnOperator(env);
    try {
      const list = await new Http(second.url).get(`${APPS}/namespaces/durable/applications`);
      assert.equal(list.status, 200);
      const stored = new Map(list.body.items.map((i: any) => [i.metadata.name, i]));
      assert.equal(stored.size, acknowledged.size);
      for (const [name, expected] of acknowledged) {
        const item: any = stored.get(name);
        assert.ok(item, `${name} survived`);
        assert.equal(item.spec.replicas, expected.replicas, name);
        assert.equal(item.metadata.resourceVersion, expected.resourceVersion, name);
      }
      assert.ok(!stored.has('app-5'));
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
