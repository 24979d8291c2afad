import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { breakdownRule, compactRules, compactString, covers } from './policy-comparator.js';

const APPS = 'cloudnative.elide.dev';

describe(covers.name, () => {
  it('breaks rules down to one verb, group, resource and name (or URL and verb)', () => {
    assert.deepEqual(breakdownRule({ apiGroups: ['', APPS], resources: ['a'], resourceNames: ['x', 'y'], verbs: ['get'] }), [
      { apiGroups: [''], resources: ['a'], verbs: ['get'], resourceNames: ['x'] },
      { apiGroups: [''], resources: ['a'], verbs: ['get'], resourceNames: ['y'] },
      { apiGroups: [APPS], resources: ['a'], verbs: ['get'], resourceNames: ['x'] },
      { apiGroups: [APPS], resources: ['a'], verbs: ['get'], resourceNames: ['y'] },
    ]);
    assert.deepEqual(breakdownRule({ nonResourceURLs: ['/metrics'], verbs: ['get', 'post'] }), [
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics'], verbs: ['post'] },
    ]);
  });

  it('covers with stars, subresource stars, URL prefixes and resourceNames as kube does', () => {
    const owner = [
      { apiGroups: [APPS], resources: ['applications', '*/scale'], verbs: ['get', 'list'] },
      { apiGroups: ['*'], resources: ['events'], verbs: ['*'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'], verbs: ['get'] },
      { nonResourceURLs: ['/debug/*'], verbs: ['get'] },
    ];
    assert.equal(covers(owner, [{ apiGroups: [APPS], resources: ['applications', 'applications/scale'], verbs: ['get'] }]).covered, true);
    assert.equal(covers(owner, [{ apiGroups: ['', 'x'], resources: ['events'], verbs: ['delete'] }]).covered, true);
    assert.equal(covers(owner, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] }]).covered, true);
    assert.equal(covers(owner, [{ nonResourceURLs: ['/debug/pprof'], verbs: ['get'] }]).covered, true);
    // A name-limited grant never covers every name; a URL grant never covers another verb.
    assert.deepEqual(covers(owner, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]).missing, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    assert.equal(covers(owner, [{ nonResourceURLs: ['/debug/pprof'], verbs: ['post'] }]).covered, false);
    assert.deepEqual(covers(owner, [{ apiGroups: [APPS], resources: ['applications'], verbs: ['get', 'delete', 'update'] }]).missing, [
      { apiGroups: [APPS], resources: ['applications'], verbs: ['delete'] },
      { apiGroups: [APPS], resources: ['applications'], verbs: ['update'] },
    ]);
  });

  it('compacts missing rules that differ only by verb and prints them as kube does', () => {
    const compacted = compactRules([
      { apiGroups: [APPS], resources: ['applications'], verbs: ['delete'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      { apiGroups: [APPS], resources: ['applications'], verbs: ['update'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['s'], verbs: ['get'] },
    ]);
    assert.deepEqual(compacted.map(compactString), [
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
      '{APIGroups:["cloudnative.elide.dev"], Resources:["applications"], Verbs:["delete" "update"]}',
      '{APIGroups:[""], Resources:["secrets"], ResourceNames:["s"], Verbs:["get"]}',
    ]);
  });
});
