import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareKubeAwareVersions, sortByKubeVersionPriority } from './version-priority.js';

describe(sortByKubeVersionPriority.name, () => {
  it('orders GA, beta, alpha, then the rest alphabetically, as kube discovery does', () => {
    assert.deepEqual(sortByKubeVersionPriority(['foo10', 'v1alpha1', 'v1', 'v11beta2', 'v10beta3', 'v2', 'foo1', 'v12alpha1', 'v1beta1', 'v10']), [
      'v10', 'v2', 'v1', 'v11beta2', 'v10beta3', 'v1beta1', 'v12alpha1', 'v1alpha1', 'foo1', 'foo10',
    ]);
  });

  it('compares symmetrically', () => {
    assert.ok(compareKubeAwareVersions('v1', 'v1beta1') > 0);
    assert.ok(compareKubeAwareVersions('v1beta1', 'v1') < 0);
    assert.equal(compareKubeAwareVersions('v1', 'v1'), 0);
  });
});
