import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { within } from '../testing/within.js';
import { PolicyStore } from './policy-store.js';

Logger.overrideLogger(false);

describe(PolicyStore.name, () => {
  let directory: string;
  before(async () => (directory = await mkdtemp(join(tmpdir(), 'policy-'))));
  after(() => rm(directory, { recursive: true, force: true }));

  const options = (policyFile?: string) => ({ policyFile, webhookPort: 9443, dnsNames: [], dataDir: directory, filePollIntervalMs: 200 });

  it('serves the built-in default without a policy file', async () => {
    const store = new PolicyStore(options());
    await store.onModuleInit();
    assert.equal(store.effective('default').maxReplicas, 100);
    assert.equal(store.status().source, 'builtin');
    store.onModuleDestroy();
  });

  it('fails to start on a missing or invalid file', async () => {
    await assert.rejects(new PolicyStore(options(join(directory, 'absent.yaml'))).onModuleInit(), /admission policy file .*absent.yaml is invalid: cannot read/);
    const bad = join(directory, 'bad.yaml');
    await writeFile(bad, 'maxReplicas: many');
    await assert.rejects(new PolicyStore(options(bad)).onModuleInit(), /maxReplicas: must be an integer/);
  });

  it('reloads a changed file, keeps the previous policy when the new one is bad, and recovers', async () => {
    const file = join(directory, 'policy.yaml');
    await writeFile(file, 'maxReplicas: 10\nnamespaces:\n  prod:\n    maxReplicas: 3\n');
    const store = new PolicyStore(options(file));
    await store.onModuleInit();
    assert.equal(store.effective('dev').maxReplicas, 10);
    assert.equal(store.effective('prod').maxReplicas, 3);
    const loadedAt = store.status().lastLoadedAt;
    assert.match(loadedAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    let next = firstValueFrom(store.loads$);
    await writeFile(file, 'maxReplicas: 20\n');
    assert.deepEqual((await within(next, 5000)).ok, true);
    assert.equal(store.effective('prod').maxReplicas, 20);

    next = firstValueFrom(store.loads$);
    await writeFile(file, 'maxReplicas: 20\nsurprise: true\n');
    const rejected = await within(next, 5000);
    assert.equal(rejected.ok, false);
    assert.equal(store.effective('prod').maxReplicas, 20, 'the previous policy stays in force');
    assert.match(store.status().lastError!, /surprise: unknown key/);

    next = firstValueFrom(store.loads$);
    const staged = join(directory, '.policy.yaml.swp');
    await writeFile(staged, 'maxReplicas: 30\n');
    await rename(staged, file);
    assert.equal((await within(next, 5000)).ok, true, 'an editor saving by rename is seen');
    assert.equal(store.effective('x').maxReplicas, 30);
    assert.equal(store.status().lastError, undefined);
    store.onModuleDestroy();
  });
});
