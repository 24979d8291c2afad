import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { APPS, application, Http } from '../support/http.js';
import { writeKubeconfig } from '../support/kubectl.js';
import { freePort, OperatorProcess, spawnOperator, startTestOperator, tempDir } from '../support/operator.js';
import { postOverTls } from './cluster-harness.js';

const NS = 'default';
const V1 = 'cloudnative.elide.dev/v1';
const V1BETA1 = 'cloudnative.elide.dev/v1beta1';
const BETA_APPS = '/apis/cloudnative.elide.dev/v1beta1';

function conversionReview(desiredAPIVersion: string, objects: unknown[], uid = 'c-1', apiVersion = 'apiextensions.k8s.io/v1') {
  return { apiVersion, kind: 'ConversionReview', request: { uid, desiredAPIVersion, objects } };
}

/**
 * POST /convert as kube-apiserver calls it for a CRD with `conversion.strategy: Webhook`: over the
 * webhook TLS port of a MODE=cluster operator (trusting only its CA, no token), with objects as
 * the "cluster" (a standalone operator) stores and serves them.
 */
describe('CRD conversion webhook, POST /convert (e2e)', () => {
  const dir = tempDir('conversion-webhook-');
  let cluster: RunningOperator;
  let api: Http;
  let operator: OperatorProcess;
  let webhookPort: number;
  let ca: string;
  let stored: { v1: any[]; v1beta1: any[] };
  const convert = (body: unknown) => postOverTls(webhookPort, '/convert', body, ca);

  before(async () => {
    cluster = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    api = new Http(cluster.url);
    webhookPort = await freePort();
    operator = await spawnOperator({
      MODE: 'cluster',
      KUBECONFIG: writeKubeconfig(dir.path, cluster.url, NS, 'kubeconfig', 'operator-token'),
      DATA_DIR: join(dir.path, 'operator'),
      WEBHOOK_TLS: 'auto',
      WEBHOOK_PORT: String(webhookPort),
      RECONCILER_ENABLED: 'false',
    });
    ca = (await new Http(operator.url).get('/webhook/ca.crt')).text;
    for (const [name, replicas] of [['web', 3], ['api', 0]] as const) {
      const created = await api.post(`${APPS}/namespaces/${NS}/applications`, application(name, { image: 'nginx:1.27', replicas, config: { A: '1' } }, { labels: { tier: name } }));
      assert.equal(created.status, 201);
    }
    const read = async (base: string) => (await Promise.all(['web', 'api'].map((name) => api.get(`${base}/namespaces/${NS}/applications/${name}`)))).map((response) => response.body);
    stored = { v1: await read(APPS), v1beta1: await read(BETA_APPS) };
  });

  after(async () => {
    await operator?.kill();
    await cluster?.shutdown();
    dir.remove();
  });

  it('converts stored v1 objects to v1beta1 exactly as the standalone API serves v1beta1', async () => {
    assert.equal(stored.v1[0].spec.replicas, 3, 'the fixture is v1');
    const review = await convert(conversionReview(V1BETA1, stored.v1));
    assert.deepEqual(review, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: { uid: 'c-1', convertedObjects: stored.v1beta1, result: { metadata: {}, status: 'Success' } },
    });
    assert.deepEqual(review.response.convertedObjects.map((object: any) => object.spec.replicaCount), [3, 0]);
  });

  it('round-trips v1 → v1beta1 → v1 losslessly, metadata (uid, resourceVersion, managedFields, labels) untouched', async () => {
    const beta = (await convert(conversionReview(V1BETA1, stored.v1, 'to-beta'))).response.convertedObjects;
    const back = await convert(conversionReview(V1, beta, 'to-v1'));
    assert.equal(back.response.uid, 'to-v1');
    assert.equal(JSON.stringify(back.response.convertedObjects), JSON.stringify(stored.v1));
    for (const [index, object] of beta.entries()) assert.deepEqual(object.metadata, stored.v1[index].metadata);
  });

  it('answers a v1beta1 ConversionReview in v1beta1', async () => {
    const review = await convert(conversionReview(V1, stored.v1beta1, 'beta-review', 'apiextensions.k8s.io/v1beta1'));
    assert.equal(review.apiVersion, 'apiextensions.k8s.io/v1beta1');
    assert.deepEqual(review.response, { uid: 'beta-review', convertedObjects: stored.v1, result: { metadata: {}, status: 'Success' } });
  });

  it('fails an unknown version with status Failure and a message, and refuses a body that is not a ConversionReview with 400', async () => {
    const review = await convert(conversionReview('cloudnative.elide.dev/v2', stored.v1, 'bad-version'));
    assert.deepEqual(review.response, { uid: 'bad-version', convertedObjects: [], result: { metadata: {}, status: 'Failure', message: 'no kind "Application" is registered for version "cloudnative.elide.dev/v2"' } });
    await assert.rejects(convert({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }), /^Error: 400: .*"reason":"BadRequest"/);
  });

  it('needs authentication on the plain HTTP port (public only over TLS, as /validate and /mutate)', async () => {
    const plain = await new Http(operator.url).post('/convert', conversionReview(V1BETA1, stored.v1));
    assert.equal(plain.status, 401);
    assert.equal(plain.body.kind, 'Status');
  });

  it('is served by the standalone operator too, whose own API keeps converting in process', async () => {
    const review = await api.post('/convert', conversionReview(V1BETA1, stored.v1, 'standalone'));
    assert.equal(review.status, 200);
    assert.deepEqual(review.body.response.convertedObjects, stored.v1beta1);
  });
});
