import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '../errors/status-error.js';
import { goFloat, goJson, goQuote, goSharpV } from '../util/go-format.js';
import { objectMetaDecodeError, parseResourceVersion, parseUintError } from './resource-version.js';

describe(parseResourceVersion.name, () => {
  it('reads absent and empty as undefined, uint64 values as revisions', () => {
    assert.equal(parseResourceVersion(undefined), undefined);
    assert.equal(parseResourceVersion(''), undefined);
    assert.equal(parseResourceVersion('0'), 0);
    assert.equal(parseResourceVersion('0042'), 42);
    assert.equal(parseResourceVersion('18446744073709551615'), 18446744073709551615);
  });

  it('refuses values beyond uint64 with 400 and kube etcd3 wording (no wait for a revision that never comes)', () => {
    assert.throws(
      () => parseResourceVersion('99999999999999999999999'),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.code === 400 &&
        error.message === 'invalid resource version: resourceVersion: Invalid value: "99999999999999999999999": strconv.ParseUint: parsing "99999999999999999999999": value out of range',
    );
    assert.equal(parseUintError('18446744073709551616'), 'strconv.ParseUint: parsing "18446744073709551616": value out of range');
  });

  it('refuses what ParseUint refuses: signs, spaces, decimals, letters', () => {
    for (const bad of ['-1', '+1', ' 1', '1.0', '1e3', 'abc', '0x10']) {
      assert.throws(() => parseResourceVersion(bad), BadRequestError, bad);
      assert.equal(parseUintError(bad), `strconv.ParseUint: parsing ${JSON.stringify(bad)}: invalid syntax`);
    }
  });
});

describe(objectMetaDecodeError.name, () => {
  it('names the Go JSON type of a non-string field, as encoding/json does', () => {
    assert.equal(objectMetaDecodeError({ resourceVersion: 5 }), 'json: cannot unmarshal number into Go struct field ObjectMeta.resourceVersion of type string');
    assert.equal(objectMetaDecodeError({ resourceVersion: true }), 'json: cannot unmarshal bool into Go struct field ObjectMeta.resourceVersion of type string');
    assert.equal(objectMetaDecodeError({ resourceVersion: { a: 1 } }), 'json: cannot unmarshal object into Go struct field ObjectMeta.resourceVersion of type string');
    assert.equal(objectMetaDecodeError({ resourceVersion: [] }), 'json: cannot unmarshal array into Go struct field ObjectMeta.resourceVersion of type string');
    assert.equal(objectMetaDecodeError({ uid: 1, name: 2 }), 'json: cannot unmarshal number into Go struct field ObjectMeta.name of type string', 'first in key order');
    assert.equal(objectMetaDecodeError(7), 'json: cannot unmarshal number into Go value of type v1.ObjectMeta');
  });

  it('accepts strings, null and absence', () => {
    assert.equal(objectMetaDecodeError({ resourceVersion: null, name: 'a' }), undefined);
    assert.equal(objectMetaDecodeError({}), undefined);
    assert.equal(objectMetaDecodeError(undefined), undefined);
  });
});

describe('Go renderings', () => {
  it('quotes as strconv.Quote', () => {
    assert.equal(goQuote('a"b\\c\n\x01é'), '"a\\"b\\\\c\\n\\x01é"');
  });

  it('marshals as encoding/json: sorted keys, HTML escaped', () => {
    assert.equal(goJson({ b: 1, a: { d: '<&>', c: [true, null] } }), '{"a":{"c":[true,null],"d":"\\u003c\\u0026\\u003e"},"b":1}');
  });

  it('prints %#v of decoded values as structured-merge-diff shows them', () => {
    assert.equal(goSharpV(5), '5');
    assert.equal(goSharpV(1.5), '1.5');
    assert.equal(goFloat(1234567), '1.234567e+06');
    assert.equal(goFloat(0.00001), '1e-05');
    assert.equal(goSharpV({ b: 'x', a: [1] }), 'map[string]interface {}{"a":[]interface {}{1}, "b":"x"}');
  });
});
