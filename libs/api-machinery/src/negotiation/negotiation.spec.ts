import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, NotAcceptableError } from '../errors/status-error.js';
import { parseAccept } from './accept.js';
import { includeObjectPolicy, isProtobufOnly, negotiatedTableVersion, wantsAggregatedDiscovery, wantsTable } from './media-helpers.js';
import { negotiateMediaType } from './negotiate.js';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const KUBECTL_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe(parseAccept.name, () => {
  it('splits ranges and parameters', () => {
    assert.deepEqual(parseAccept(KUBECTL_GET), [
      { type: 'application', subtype: 'json', params: { as: 'Table', v: 'v1', g: 'meta.k8s.io' }, q: 1 },
      { type: 'application', subtype: 'json', params: { as: 'Table', v: 'v1beta1', g: 'meta.k8s.io' }, q: 1 },
      { type: 'application', subtype: 'json', params: {}, q: 1 },
    ]);
  });

  it('orders by quality, then specificity, keeping header order for ties', () => {
    const order = (header: string) => parseAccept(header).map((r) => `${r.type}/${r.subtype}`);
    assert.deepEqual(order('text/html;q=0.5, application/json'), ['application/json', 'text/html']);
    assert.deepEqual(order('*/*, application/*, application/json'), ['application/json', 'application/*', '*/*']);
    assert.deepEqual(order('application/yaml, application/json'), ['application/yaml', 'application/json']);
    assert.deepEqual(order('*, bogus, application/json;foo'), ['application/json', '*/*']);
    assert.deepEqual(parseAccept(undefined), []);
  });
});

describe(negotiateMediaType.name, () => {
  it('answers JSON when protobuf is listed first', () => {
    assert.deepEqual(negotiateMediaType('application/vnd.kubernetes.protobuf, application/json'), { mediaType: 'application/json', pretty: false });
  });

  it('defaults to JSON without an Accept header and honours YAML, wildcards, pretty and watch', () => {
    assert.equal(negotiateMediaType(undefined).mediaType, 'application/json');
    assert.equal(negotiateMediaType('').mediaType, 'application/json');
    assert.equal(negotiateMediaType('application/yaml').mediaType, 'application/yaml');
    assert.equal(negotiateMediaType('*/*').mediaType, 'application/json');
    assert.equal(negotiateMediaType('application/*').mediaType, 'application/json');
    assert.equal(negotiateMediaType('application/json;pretty=1').pretty, true);
    assert.equal(negotiateMediaType('application/json;stream=watch').stream, 'watch');
  });

  it('answers 406 with kube’s message when nothing is acceptable', () => {
    for (const header of ['application/vnd.kubernetes.protobuf', 'text/plain', 'application/yaml;stream=watch', 'application/json;q=0']) {
      assert.throws(
        () => negotiateMediaType(header),
        (error: unknown) =>
          error instanceof NotAcceptableError && error.code === 406 && error.message === 'only the following media types are accepted: application/json, application/yaml',
        header,
      );
    }
  });

  it('skips conversions the endpoint does not support', () => {
    assert.equal(negotiateMediaType(KUBECTL_GET).convert, undefined);
  });
});

describe(wantsTable.name, () => {
  const cases: [header: string | undefined, version: string | undefined][] = [
    [KUBECTL_GET, 'meta.k8s.io/v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'meta.k8s.io/v1beta1'],
    ['*/*;as=Table;v=v1;g=meta.k8s.io', 'meta.k8s.io/v1'],
    ['application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,' + KUBECTL_GET, 'meta.k8s.io/v1'],
    ['application/json', undefined],
    [undefined, undefined],
    ['application/json, application/json;as=Table;v=v1;g=meta.k8s.io', undefined],
    ['application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json', undefined],
    ['application/json;as=Table;v=v2;g=meta.k8s.io,application/json', undefined],
    ['application/json;as=Table;v=v1;g=meta.k8s.io;q=0,application/json', undefined],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', undefined],
  ];
  for (const [header, version] of cases) {
    it(`${version ? `wants ${version}` : 'does not want a Table'} for ${JSON.stringify(header)}`, () => {
      assert.equal(negotiatedTableVersion(header), version);
      assert.equal(wantsTable(header), version !== undefined);
    });
  }
});

describe(wantsAggregatedDiscovery.name, () => {
  it('serves v2 only', () => {
    assert.equal(wantsAggregatedDiscovery(KUBECTL_DISCOVERY), true);
    assert.equal(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'), false);
    assert.equal(wantsAggregatedDiscovery('application/json'), false);
    assert.equal(wantsAggregatedDiscovery(undefined), false);
  });
});

describe(isProtobufOnly.name, () => {
  it('is true only when every acceptable range is protobuf', () => {
    assert.equal(isProtobufOnly('application/vnd.kubernetes.protobuf'), true);
    assert.equal(isProtobufOnly('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json;q=0'), true);
    assert.equal(isProtobufOnly('application/vnd.kubernetes.protobuf, application/json'), false);
    assert.equal(isProtobufOnly(''), false);
    assert.equal(isProtobufOnly(undefined), false);
  });
});

describe(includeObjectPolicy.name, () => {
  it('defaults to Metadata and rejects unknown values', () => {
    assert.equal(includeObjectPolicy(undefined), 'Metadata');
    assert.equal(includeObjectPolicy(''), 'Metadata');
    assert.equal(includeObjectPolicy('None'), 'None');
    assert.equal(includeObjectPolicy('Object'), 'Object');
    assert.throws(() => includeObjectPolicy('object'), (error: unknown) => error instanceof BadRequestError && error.message === 'unrecognized includeObject value: "object"');
  });
});
