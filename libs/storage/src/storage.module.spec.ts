import 'reflect-metadata';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { Recorder } from './sqlite/testing/recorder.js';
import { tempDir } from './sqlite/testing/temp-store.js';
import { Store } from './store.js';
import { StorageModule } from './storage.module.js';

@Injectable()
class Consumer {
  constructor(readonly store: Store) {}
}

@Module({ providers: [Consumer], exports: [Consumer] })
class ConsumerModule {}

describe(StorageModule.name, () => {
  it('provides an open SqliteStore globally and closes it on shutdown', async (t) => {
    const temp = tempDir();
    t.after(() => temp.remove());
    const path = join(temp.dir, 'data', 'store.db');
    const moduleRef = await Test.createTestingModule({
      imports: [StorageModule.forRoot({ path, pollIntervalMs: 50 }), ConsumerModule],
    }).compile();
    await moduleRef.init();
    const store = moduleRef.get(Consumer).store;
    assert.ok(store instanceof SqliteStore);
    assert.equal(store, moduleRef.get(Store));
    assert.ok(store.isHealthy());
    assert.ok(existsSync(path));
    await store.create('/k', 'v');
    const watch = new Recorder(store.watch('/', 0));
    await moduleRef.close();
    assert.equal(store.isHealthy(), false);
    assert.equal(watch.completed, true);
    assert.equal(watch.values.length, 1);
  });

  it('takes its options from forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [StorageModule.forRootAsync({ useFactory: async () => ({ path: ':memory:' }) })],
    }).compile();
    await moduleRef.init();
    const store = moduleRef.get(Store);
    await store.create('/k', 'v');
    assert.equal((await store.stats()).keys, 1);
    await moduleRef.close();
    assert.equal(store.isHealthy(), false);
  });
});
