import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { application, attributesFor, counterValue, fixedClock, fixedPolicies, testMetrics } from '../testing/admission-fixtures.js';
import { PolicyDocument } from '../policy/policy.types.js';
import { AdmissionEngine } from './admission-engine.js';

function engine(policy: Partial<PolicyDocument> = {}) {
  const { metrics, registry } = testMetrics();
  return { engine: new AdmissionEngine(fixedPolicies(policy), metrics, fixedClock), registry };
}

const validate = (object: KubeObject, policy: Partial<PolicyDocument> = {}) => engine(policy).engine.validate(attributesFor('CREATE', object));
const causesOf = (object: KubeObject, policy: Partial<PolicyDocument> = {}) => validate(object, policy).status?.details?.causes ?? [];

describe(AdmissionEngine.name, () => {
  describe('validation', () => {
    it('admits a well-formed Application without warnings', () => {
      assert.deepEqual(validate(application()), { allowed: true, warnings: [] });
    });

    it('refuses replicas outside 0..maxReplicas with 422 Invalid, in both versions', () => {
      const v1 = validate(application({ replicas: 101 }));
      assert.equal(v1.allowed, false);
      assert.deepEqual(v1.status, {
        code: 422,
        reason: 'Invalid',
        message: 'Application.cloudnative.elide.dev "web" is invalid: spec.replicas: Invalid value: 101: must be between 0 and 100, inclusive',
        metadata: {},
        details: {
          name: 'web',
          group: 'cloudnative.elide.dev',
          kind: 'Application',
          causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 101: must be between 0 and 100, inclusive', field: 'spec.replicas' }],
        },
      });
      const beta = application({ replicas: undefined, replicaCount: -1 }, 'v1beta1');
      assert.deepEqual(causesOf(beta).map((cause) => cause.field), ['spec.replicaCount']);
      assert.equal(validate(application({ replicas: 0 })).allowed, true);
      assert.equal(validate(application({ replicas: 100 })).allowed, true);
      assert.equal(validate(application({ replicas: 2.5 })).status?.details?.causes?.[0].message, 'Invalid value: 2.5: must be an integer');
      assert.equal(validate(application({ replicas: '3' })).allowed, false);
    });

    it('reads the replica field of the object\'s own version (v1beta1 ignores spec.replicas)', () => {
      assert.equal(validate(application({ replicas: 500, replicaCount: 2 }, 'v1beta1')).allowed, true);
    });

    it('uses maxReplicas from the policy', () => {
      assert.equal(validate(application({ replicas: 10 }), { maxReplicas: 5 }).status?.details?.causes?.[0].message, 'Invalid value: 10: must be between 0 and 5, inclusive');
    });

    it('requires a non-empty image', () => {
      assert.deepEqual(causesOf(application({ image: undefined })), [
        { reason: 'FieldValueRequired', message: 'Required value: a container image is required', field: 'spec.image' },
      ]);
      assert.equal(causesOf(application({ image: '' }))[0].reason, 'FieldValueRequired');
      assert.equal(causesOf(application({ image: '   ' }))[0].reason, 'FieldValueInvalid');
      assert.equal(causesOf(application({ image: 42 }))[0].message, 'Invalid value: 42: must be a non-empty string');
      assert.equal(causesOf({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'x' } })[0].field, 'spec.image');
    });

    it('refuses blocked images with 403 Forbidden, matching written and normalised names', () => {
      const policy = { blockedImages: ['*:latest', 'docker.io/library/redis:*'] };
      const result = validate(application({ image: 'nginx:latest' }), policy);
      assert.equal(result.status?.code, 403);
      assert.equal(result.status?.reason, 'Forbidden');
      assert.equal(
        result.status?.message,
        'applications.cloudnative.elide.dev "web" is forbidden: spec.image: Forbidden: image "nginx:latest" is blocked by policy (matches "*:latest")',
      );
      assert.equal(validate(application({ image: 'nginx' }), policy).allowed, false, 'no tag means latest');
      assert.equal(validate(application({ image: 'redis:7' }), policy).allowed, false, 'short name matches the full pattern');
      assert.equal(validate(application({ image: 'ghcr.io/acme/redis:7' }), policy).allowed, true);
      assert.equal(validate(application({ image: 'nginx@sha256:abc' }), policy).allowed, true, 'a digest is not latest');
    });

    it('restricts registries computed the way Docker does', () => {
      const policy = { allowedRegistries: ['ghcr.io/acme', 'localhost:5000'] };
      assert.equal(validate(application({ image: 'ghcr.io/acme/web:1' }), policy).allowed, true);
      assert.equal(validate(application({ image: 'localhost:5000/web:1' }), policy).allowed, true);
      const denied = validate(application({ image: 'nginx:1.25' }), policy);
      assert.match(denied.status!.message, /image "nginx:1.25" comes from registry "docker.io", which is not one of the allowed registries: ghcr.io\/acme, localhost:5000/);
      assert.equal(validate(application({ image: 'ghcr.io/other/web:1' }), policy).allowed, false);
      assert.equal(validate(application({ image: 'nginx:1.25' }), { allowedRegistries: ['docker.io'] }).allowed, true);
      assert.equal(validate(application({ image: 'nginx:1.25' }), { allowedRegistries: [] }).allowed, true, 'empty allows any');
    });

    it('requires a tag or digest when requireTag is set', () => {
      const policy = { requireTag: true };
      assert.match(validate(application({ image: 'nginx' }), policy).status!.message, /image "nginx" must carry a tag or a digest/);
      assert.equal(validate(application({ image: 'nginx:1.25' }), policy).allowed, true);
      assert.equal(validate(application({ image: 'localhost:5000/web@sha256:abc' }), policy).allowed, true);
      assert.equal(validate(application({ image: 'localhost:5000/web' }), policy).allowed, false, 'a registry port is not a tag');
    });

    it('lists every violation, 403 when any is a policy violation', () => {
      const result = validate(application({ image: 'nginx', replicas: 1000 }), { requireTag: true });
      assert.equal(result.status?.code, 403);
      assert.deepEqual(result.status?.details?.causes?.map((cause) => cause.field), ['spec.image', 'spec.replicas']);
      assert.match(result.status!.message, /is forbidden: \[spec.image: Forbidden: .*, spec.replicas: Invalid value: 1000: .*\]$/);
    });

    it('warns about latest or missing tags, a single replica and missing resources', () => {
      assert.deepEqual(validate(application({ image: 'nginx:latest', replicas: 1, resources: {} })).warnings, [
        'spec.image "nginx:latest" uses the "latest" tag; pin a version or digest so rollouts are reproducible',
        'spec.replicas is 1: the application has no redundancy',
        'spec.resources is not set: the application declares no resource requests or limits',
      ]);
      assert.deepEqual(validate(application({ image: 'nginx', resources: undefined })).warnings, [
        'spec.image "nginx" has no tag and resolves to "latest"; pin a version or digest so rollouts are reproducible',
        'spec.resources is not set: the application declares no resource requests or limits',
      ]);
      assert.deepEqual(validate(application({ image: 'nginx' }), { warnLatestTag: false }).warnings, []);
      assert.deepEqual(validate(application({ replicas: undefined, replicaCount: 1 }, 'v1beta1')).warnings, ['spec.replicaCount is 1: the application has no redundancy']);
    });

    it('applies per-namespace overrides on top of the cluster-wide policy', () => {
      const policy = { maxReplicas: 50, namespaces: { prod: { requireTag: true, maxReplicas: 10 } } };
      const inProd = application({ image: 'nginx', replicas: 20 }, 'v1', { namespace: 'prod' });
      const prod = engine(policy).engine.validate(attributesFor('CREATE', inProd));
      assert.deepEqual(prod.status?.details?.causes?.map((cause) => cause.message), [
        'Forbidden: image "nginx" must carry a tag or a digest',
        'Invalid value: 20: must be between 0 and 10, inclusive',
      ]);
      const elsewhere = application({ image: 'nginx', replicas: 20 }, 'v1', { namespace: 'dev' });
      assert.equal(engine(policy).engine.validate(attributesFor('CREATE', elsewhere)).allowed, true);
    });

    it('ratchets violations on UPDATE when the offending field is unchanged', () => {
      const stored = application({ image: 'nginx:latest' });
      const policy = { blockedImages: ['*:latest'] };
      const relabel = application({ image: 'nginx:latest' }, 'v1', { labels: { team: 'a' } });
      assert.equal(engine(policy).engine.validate(attributesFor('UPDATE', relabel, stored)).allowed, true);
      const rescale = application({ image: 'nginx:latest', replicas: 500 });
      assert.deepEqual(engine(policy).engine.validate(attributesFor('UPDATE', rescale, stored)).status?.details?.causes?.map((c) => c.field), ['spec.replicas']);
      const retag = application({ image: 'redis:latest' });
      assert.equal(engine(policy).engine.validate(attributesFor('UPDATE', retag, stored)).allowed, false);
    });

    it('admits DELETE and CONNECT, other kinds and the status subresource', () => {
      const bad = application({ replicas: 1000 });
      const { engine: e } = engine();
      assert.deepEqual(e.validate(attributesFor('DELETE', undefined, bad)), { allowed: true, warnings: [] });
      assert.deepEqual(e.validate(attributesFor('CONNECT', undefined, undefined)), { allowed: true, warnings: [] });
      assert.equal(e.validate(attributesFor('UPDATE', bad, application(), { subResource: 'status' })).allowed, true);
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
      const other = attributesFor('CREATE', configMap, undefined, { kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' } });
      assert.deepEqual(e.validate(other), { allowed: true, warnings: [] });
    });

    it('checks the replicas of a Scale sent to /scale', () => {
      const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 101 } };
      const attributes = attributesFor('UPDATE', scale, { ...scale, spec: { replicas: 3 } }, {
        subResource: 'scale',
        kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      });
      const result = engine().engine.validate(attributes);
      assert.equal(result.status?.code, 422);
      assert.equal(result.status?.message, 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: 101: must be between 0 and 100, inclusive');
    });

    it('refuses objects nested deeper than the limit instead of overflowing the stack', () => {
      let deep: Record<string, unknown> = {};
      const root = deep;
      for (let i = 0; i < 5000; i++) deep = deep.x = {} as Record<string, unknown>;
      const result = validate(application({ extra: root }));
      assert.equal(result.status?.code, 400);
      assert.match(result.status!.message, /maximum depth of 1000/);
    });

    it('counts each decision by webhook, operation and outcome', async () => {
      const { engine: e, registry } = engine();
      e.validate(attributesFor('CREATE', application()));
      e.validate(attributesFor('CREATE', application({ replicas: -1 })));
      e.mutate(attributesFor('UPDATE', application(), application()));
      assert.equal(await counterValue(registry, { webhook: 'validate', operation: 'CREATE', allowed: 'true' }), 1);
      assert.equal(await counterValue(registry, { webhook: 'validate', operation: 'CREATE', allowed: 'false' }), 1);
      assert.equal(await counterValue(registry, { webhook: 'mutate', operation: 'UPDATE', allowed: 'true' }), 1);
    });
  });
});
