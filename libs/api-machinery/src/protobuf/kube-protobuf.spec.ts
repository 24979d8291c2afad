import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors/status-error.js';
import { decodeKubeProtobuf } from './kube-protobuf.js';

/** Bodies kubectl 1.32 sent (captured), as hex. */
const KUBECTL = {
  canICreate:
    '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577125b0a100a0012001a0022002a00320038004200123d0a3b0a067465616d2d6112066372656174651a15636c6f75646e61746976652e656c6964652e64657622002a0c6170706c69636174696f6e7332003a001a08080012001a0020001a002200',
  canIGetMetrics:
    '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6d65747269637312036765741a08080012001a0020001a002200',
  canIList:
    '6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c657352657669657712220a100a0012001a0022002a0032003800420012080a067465616d2d611a04180022001a002200',
  createRoleBinding:
    '6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f6c6542696e64696e6712b8010a170a017812001a067465616d2d6122002a0032003800420012280a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a03626f62220012270a0547726f75701219726261632e617574686f72697a6174696f6e2e6b38732e696f1a01672200121a0a0e536572766963654163636f756e7412001a02736122026e731a2e0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572526f6c651a04766965771a002200',
  createRole:
    '6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c65124e0a170a017212001a067465616d2d6122002a0032003800420012330a036765740a046c6973741215636c6f75646e61746976652e656c6964652e6465761a0c6170706c69636174696f6e732201611a002200',
  createConfigMap: // kubectl create configmap cm1 --from-literal=a=b --from-file=blob=<bytes ff 00 01 "binary">
    '6b3873000a0f0a0276311209436f6e6669674d617012370a1a0a03636d3112001a0764656661756c7422002a0032003800420012060a01611201621a110a04626c6f621209ff000162696e6172791a002200',
};
const decode = (hex: string) => decodeKubeProtobuf(Buffer.from(hex, 'hex'));

describe(decodeKubeProtobuf.name, () => {
  it('decodes kubectl auth can-i (resource and non-resource) and --list', () => {
    assert.deepEqual(decode(KUBECTL.canICreate), {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'team-a', verb: 'create', group: 'cloudnative.elide.dev', resource: 'applications' } },
    });
    assert.deepEqual(decode(KUBECTL.canIGetMetrics).spec, { nonResourceAttributes: { path: '/metrics', verb: 'get' } });
    assert.deepEqual(decode(KUBECTL.canIList), { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'team-a' } });
  });

  it('decodes kubectl create rolebinding and role', () => {
    assert.deepEqual(decode(KUBECTL.createRoleBinding), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'x', namespace: 'team-a' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'g' },
        { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' },
      ],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    });
    assert.deepEqual(decode(KUBECTL.createRole).rules, [{ verbs: ['get', 'list'], apiGroups: ['cloudnative.elide.dev'], resources: ['applications'], resourceNames: ['a'] }]);
  });

  it('decodes kubectl create configmap, binary data as base64 (as JSON carries []byte)', () => {
    assert.deepEqual(decode(KUBECTL.createConfigMap), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm1', namespace: 'default' },
      data: { a: 'b' },
      binaryData: { blob: Buffer.from([0xff, 0x00, 0x01, ...Buffer.from('binary')]).toString('base64') },
    });
  });

  it('refuses bodies it cannot decode', () => {
    assert.throws(() => decodeKubeProtobuf(Buffer.from('{"kind":"Role"}')), BadRequestError);
    assert.throws(() => decode(KUBECTL.canICreate.slice(0, 60)), BadRequestError);
    const pod = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x09, 0x0a, 0x02]), Buffer.from('v1'), Buffer.from([0x12, 0x03]), Buffer.from('Pod')]);
    assert.throws(() => decodeKubeProtobuf(pod), UnsupportedMediaTypeError);
  });
});
