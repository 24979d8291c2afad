import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { filter, firstValueFrom } from 'rxjs';
import { application, createHarness, Harness } from './testing/harness.js';
import { settle } from './testing/settle.js';
import { ReconcilerService } from './reconciler.service.js';

describe(ReconcilerService.name, () => {
  let h: Harness;

  before(() => Logger.overrideLogger(false));
  after(async () => h.stop());

  it('converges 1,000 Applications created at once (simulated pods ready at once)', async () => {
    h = createHarness({ simulation: { podStartupMs: 0 } });
    h.service.start();
    await h.cache.waitForSync();
    const total = 1000;
    let running = 0;
    const allRunning = firstValueFrom(
      h.cache.events$.pipe(
        filter((event) => {
          if (event.object.status?.phase === 'Running' && event.old?.status?.phase !== 'Running') running++;
          return running === total;
        }),
      ),
    );
    const started = Date.now();
    await Promise.all(Array.from({ length: total }, (_, i) => h.client.create('default', application(`app-${i}`, { replicas: 3 }))));
    await allRunning;
    const seconds = (Date.now() - started) / 1000;
    console.log(`# 1,000 Applications Running in ${seconds}s`);
    assert.ok(seconds < 30, `took ${seconds}s`);
    assert.ok(h.cache.list().every((app) => app.status?.phase === 'Running' && app.status.readyReplicas === 3));
    await settle();
    assert.deepEqual(h.service.snapshot(), { leader: true, depth: 0, items: [] });
  });
});
