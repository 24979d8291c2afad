import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { startTestOperator, tempDir } from '../support/operator.js';
import { clientEnv, ProcessResult, writeKubeconfig } from '../support/kubectl.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const PYTHON = '/usr/bin/python3';
/** The script lives beside this spec's source (it is not compiled): dist/test/e2e → test/e2e/python. */
const SCRIPT = fileURLToPath(new URL('../../../test/e2e/python/dynamic_client.py', import.meta.url));

function python(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('Python client (python3-kubernetes dynamic client) against the operator (e2e)', () => {
  let operator: RunningOperator;
  let dir: ReturnType<typeof tempDir>;

  before(async () => {
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    dir = tempDir('python-client-e2e-');
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  it('discovers Applications, creates, lists, selects, patches, scales, watches, applies and deletes them', async () => {
    const kubeconfig = writeKubeconfig(dir.path, operator.url);
    const result = await python([SCRIPT, kubeconfig, 'py', join(dir.path, 'discovery-cache.json')], clientEnv(dir.path));
    assert.equal(result.code, 0, result.stderr);
    const seen = JSON.parse(result.stdout);
    assert.deepEqual(seen.resource, { name: 'applications', kind: 'Application', namespaced: true, short_names: ['app'], subresources: ['scale', 'status'] });
    assert.deepEqual(seen.created, { name: 'py-one', namespace: 'py', generation: 1 });
    assert.deepEqual(seen.duplicate, { status: 409, reason: 'AlreadyExists' });
    assert.equal(seen.list.kind, 'ApplicationList');
    assert.deepEqual(seen.list.names, ['py-one', 'py-two']);
    assert.match(seen.list.resourceVersion, /^\d+$/);
    assert.deepEqual(seen.selected, ['py-one']);
    assert.equal(seen.single, 3);
    assert.equal(seen.patched, 5);
    assert.equal(seen.scale, 5);
    assert.deepEqual(seen.watched, [['MODIFIED', 'py-two']], 'the watch replays the changes after the listed resourceVersion');
    assert.equal(seen.apply_conflict, 'Apply failed with 1 conflict: conflict with "py-a": .spec.replicas');
    assert.deepEqual(seen.apply_forced, { replicas: 4, managers: ['py-a', 'py-b'] }, 'force=True (as Python spells it) takes the field over');
    assert.equal(seen.after_delete, 404);
  });
});
