import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operationIdAndTag, toValidOperationId } from './openapi-names.js';

describe(operationIdAndTag.name, () => {
  it('prefixes the verb with the group and version, as GetOperationIDAndTags does', () => {
    assert.deepEqual(operationIdAndTag('patchNamespacedLease', '/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}'), {
      operationId: 'patchCoordinationV1NamespacedLease',
      tag: 'coordination_v1',
    });
    assert.deepEqual(operationIdAndTag('listEventForAllNamespaces', '/api/v1/events'), { operationId: 'listCoreV1EventForAllNamespaces', tag: 'core_v1' });
    assert.equal(operationIdAndTag('deletecollectionCustomResourceDefinition', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions').operationId, 'deleteApiextensionsV1CollectionCustomResourceDefinition');
    assert.equal(operationIdAndTag('watchNamespacedApplicationList', '/apis/cloudnative.elide.dev/v1beta1/watch/namespaces/{namespace}/applications').operationId, 'watchCloudnativeElideDevV1beta1NamespacedApplicationList');
  });
});

describe(toValidOperationId.name, () => {
  it('drops punctuation and leading digits, capitalizing what follows', () => {
    assert.equal(toValidOperationId('cloudnative.elide.dev', false), 'cloudnativeElideDev');
    assert.equal(toValidOperationId('cert-manager.io', true), 'CertManagerIo');
    assert.equal(toValidOperationId('9lives_x', false), 'Lives_x');
  });
});
