import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicationCrd, CustomResourceDefinition } from '@app/crd';
import { CRD_RESOURCE } from '@app/resources';
import { resolveClusterOptions } from '../cluster.options.js';
import { FakeClientFactory } from '../testing/fake-clients.js';
import { ApplicationCrdCheck, CrdCheckError } from './application-crd.check.js';

function setup(installCrd = false, stored?: CustomResourceDefinition) {
  const clients = new FakeClientFactory();
  const crds = clients.client<CustomResourceDefinition>(CRD_RESOURCE);
  if (stored) crds.put(stored);
  return { crds, check: new ApplicationCrdCheck(clients, resolveClusterOptions({ installCrd, startupAttempts: 1 })) };
}

describe(ApplicationCrdCheck.name, () => {
  it('fails start-up with the remedy when the cluster has no Application CRD', async () => {
    const { check } = setup();
    await assert.rejects(check.onModuleInit(), (error: Error) => error instanceof CrdCheckError && /applications\.cloudnative\.elide\.dev is not installed in the cluster\. Apply deploy\/kubernetes .* or start with INSTALL_CRD=true/.test(error.message));
  });

  it('fails when a version this operator serves is not served by the cluster', async () => {
    const old = structuredClone(applicationCrd);
    old.spec.versions = old.spec.versions.map((version) => ({ ...version, served: version.name !== 'v1' }));
    const { check } = setup(false, old);
    await assert.rejects(check.ensure(), /does not serve what this operator needs: version v1 is not served/);
  });

  it('only reads the CRD when it is there', async () => {
    const { check, crds } = setup(false, structuredClone(applicationCrd));
    assert.equal((await check.ensure()).metadata.name, 'applications.cloudnative.elide.dev');
    assert.deepEqual(crds.calls.map((call) => call.verb), ['get']);
  });

  it('with INSTALL_CRD, applies the CRD (server-side, forced, as the operator) before checking it', async () => {
    const { check, crds } = setup(true);
    await check.ensure();
    const [apply, get] = crds.calls;
    assert.deepEqual([apply.verb, apply.name, apply.type, apply.options], ['patch', 'applications.cloudnative.elide.dev', 'apply', { fieldManager: 'application-operator', force: true }]);
    const { conversion: _conversion, ...withoutConversion } = applicationCrd.spec;
    assert.deepEqual((apply.body as CustomResourceDefinition).spec, withoutConversion, 'spec.conversion is left to the manifests (the Service and the CA are theirs)');
    assert.equal(get.verb, 'get');
  });

  it('accepts a CRD converting through the webhook, and one served with strategy None (logged as a warning)', async () => {
    for (const conversion of [{ strategy: 'Webhook' as const, webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'elide-system', name: 'application-operator', path: '/convert', port: 443 } } } }, { strategy: 'None' as const }]) {
      const stored = structuredClone(applicationCrd);
      stored.spec.conversion = conversion;
      const { check } = setup(false, stored);
      assert.deepEqual((await check.ensure()).spec.conversion, conversion);
    }
  });
});
