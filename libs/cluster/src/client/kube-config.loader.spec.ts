import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeConfig } from './kube-config.loader.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-loader-'));
const serviceAccountDir = join(dir, 'sa');
writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://example.test:6443"}\nusers:\n- name: u\n  user: {token: abc}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n');

describe(loadKubeConfig.name, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the pod\'s service account: the in-cluster server, its CA, a token file re-read by client-node', async () => {
    mkdirSync(serviceAccountDir);
    for (const [file, text] of [['token', 'sa-token'], ['ca.crt', 'ca'], ['namespace', 'elide-system\n']]) writeFileSync(join(serviceAccountDir, file), text);
    const config = loadKubeConfig({ inCluster: { host: 'fd00::1', port: '443' }, serviceAccountDir });
    assert.deepEqual([config.getCurrentCluster()?.server, config.getCurrentCluster()?.caFile], ['https://[fd00::1]:443', join(serviceAccountDir, 'ca.crt')]);
    assert.equal(config.getContextObject(config.getCurrentContext())?.namespace, 'elide-system');
    const options: { headers?: Record<string, string> } = {};
    await config.applyToHTTPSOptions(options);
    assert.equal(options.headers?.Authorization, 'Bearer sa-token');
  });

  it('prefers an explicit kubeconfig over the service account', () => {
    const config = loadKubeConfig({ kubeconfig: join(dir, 'kubeconfig'), inCluster: { host: '10.0.0.1', port: '443' }, serviceAccountDir });
    assert.equal(config.getCurrentCluster()?.server, 'https://example.test:6443');
  });

  it('names what is missing when there is neither', () => {
    assert.throws(() => loadKubeConfig({ serviceAccountDir: join(dir, 'none') }), /MODE=cluster needs a kubeconfig \(KUBECONFIG\) or an in-cluster service account/);
  });
});
