import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { compileSchema, SchemaCompileError } from './schema-engine.js';
import { Schema } from './json-schema.js';

const schema: Schema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['image'],
      properties: {
        image: { type: 'string', minLength: 1 },
        replicas: { type: 'integer', minimum: 0, maximum: 100, default: 1 },
        strategy: { type: 'string', enum: ['RollingUpdate', 'Recreate'], default: 'RollingUpdate' },
        config: { type: 'object', additionalProperties: { type: 'string' } },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        ratio: { type: 'number', maximum: 1, exclusiveMaximum: true },
        size: { 'x-kubernetes-int-or-string': true },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        probe: {
          type: 'object',
          default: {},
          properties: { path: { type: 'string', default: '/healthz' }, period: { type: 'integer', default: 10 } },
        },
        containers: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, pull: { type: 'string', default: 'IfNotPresent' } } },
        },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { typed: { type: 'object', properties: { a: { type: 'string' } } } } },
        label: { type: 'string', nullable: true },
      },
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

function app(spec: unknown, rest: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'a' }, spec, ...rest } as KubeObject;
}

describe('compileSchema', () => {
  const compiled = compileSchema(schema);

  it('reports a missing required field as kube does', () => {
    const check = compiled.admit(app({}));
    assert.deepEqual(check.causes, [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.image' }]);
  });

  it('reports maximum and minimum with the value and kube-openapi wording', () => {
    const check = compiled.admit(app({ image: 'x', replicas: 101, port: 0 }));
    assert.deepEqual(check.causes, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: 101: spec.replicas in body should be less than or equal to 100', field: 'spec.replicas' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: 0: spec.port in body should be greater than or equal to 1', field: 'spec.port' },
    ]);
  });

  it('treats OpenAPI boolean exclusiveMaximum as a strict bound', () => {
    const check = compiled.admit(app({ image: 'x', ratio: 1 }));
    assert.deepEqual(check.causes, [{ reason: 'FieldValueInvalid', message: 'Invalid value: 1: spec.ratio in body should be less than 1', field: 'spec.ratio' }]);
  });

  it('reports an enum miss as Unsupported value with the supported list', () => {
    const check = compiled.admit(app({ image: 'x', strategy: 'Blue' }));
    assert.deepEqual(check.causes, [
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Blue": supported values: "RollingUpdate", "Recreate"', field: 'spec.strategy' },
    ]);
  });

  it('reports a type mismatch with the actual JSON type', () => {
    const check = compiled.admit(app({ image: 'x', replicas: 'string' }));
    assert.deepEqual(check.causes, [
      { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"', field: 'spec.replicas' },
    ]);
    assert.equal(compiled.admit(app({ image: 'x', replicas: 1.5 })).causes[0].message, 'Invalid value: "number": spec.replicas in body must be of type integer: "number"');
  });

  it('validates each value of a map of strings at its own path', () => {
    const check = compiled.admit(app({ image: 'x', config: { LOG: 'debug', PORT: 8080, ON: true } }));
    assert.deepEqual(
      check.causes.map((cause) => [cause.field, cause.message]),
      [
        ['spec.config.PORT', 'Invalid value: "integer": spec.config.PORT in body must be of type string: "integer"'],
        ['spec.config.ON', 'Invalid value: "boolean": spec.config.ON in body must be of type string: "boolean"'],
      ],
    );
  });

  it('reports minLength, maxItems and formats as kube does', () => {
    const check = compiled.admit(app({ image: '', tags: ['a', 'b', 'c'], when: 'yesterday' }));
    assert.deepEqual(check.causes, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": spec.image in body should be at least 1 chars long', field: 'spec.image' },
      { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"', field: 'spec.when' },
      { reason: 'FieldValueTooMany', message: 'Too many: 3: must have at most 2 items', field: 'spec.tags' },
    ]);
  });

  it('accepts integers and strings for x-kubernetes-int-or-string, nothing else', () => {
    assert.deepEqual(compiled.admit(app({ image: 'x', size: 3 })).causes, []);
    assert.deepEqual(compiled.admit(app({ image: 'x', size: '50%' })).causes, []);
    assert.equal(compiled.admit(app({ image: 'x', size: true })).causes[0].message, 'Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"');
  });

  it('reports every failing field at once, one cause each', () => {
    const check = compiled.admit(app({ replicas: -1, strategy: 'Blue', port: 'http' }));
    assert.deepEqual(check.causes.map((cause) => cause.field), ['spec.image', 'spec.replicas', 'spec.strategy', 'spec.port']);
  });

  it('prunes unknown fields, reports their paths, and keeps what the schema allows', () => {
    const object = app(
      { image: 'x', foo: 1, containers: [{ name: 'a', bogus: true }], extra: { anything: { deep: 1 }, typed: { a: 'ok', b: 'gone' } } },
      { status: { phase: 'Running', junk: 1 }, topLevel: 'x' },
    );
    (object.metadata as Record<string, unknown>).unknownMeta = 'kept';
    const check = compiled.admit(object);
    assert.deepEqual(check.unknownFields.sort(), ['spec.containers[0].bogus', 'spec.extra.typed.b', 'spec.foo', 'status.junk', 'topLevel']);
    assert.deepEqual(object.spec, {
      image: 'x',
      containers: [{ name: 'a', pull: 'IfNotPresent' }],
      extra: { anything: { deep: 1 }, typed: { a: 'ok' } },
      replicas: 1,
      strategy: 'RollingUpdate',
      probe: { path: '/healthz', period: 10 },
    });
    assert.deepEqual(object.metadata, { name: 'a', unknownMeta: 'kept' });
    assert.equal(object.apiVersion, 'example.com/v1');
    assert.deepEqual(check.causes, []);
  });

  it('applies defaults only where the parent exists, nested and in array items, without overriding values', () => {
    const withoutSpec = app(undefined);
    delete withoutSpec.spec;
    compiled.admit(withoutSpec);
    assert.equal(withoutSpec.spec, undefined);

    const object = app({ image: 'x', replicas: 0, probe: { period: 30 }, containers: [{ name: 'a' }, { name: 'b', pull: 'Always' }] });
    compiled.admit(object);
    assert.deepEqual(object.spec, {
      image: 'x',
      replicas: 0,
      probe: { period: 30, path: '/healthz' },
      containers: [{ name: 'a', pull: 'IfNotPresent' }, { name: 'b', pull: 'Always' }],
      strategy: 'RollingUpdate',
    });
  });

  it('defaults a null non-nullable field, drops one without a default, keeps a nullable null', () => {
    const object = app({ image: 'x', replicas: null, port: null, label: null });
    const check = compiled.admit(object);
    assert.deepEqual(check.causes, []);
    assert.deepEqual(object.spec, { image: 'x', replicas: 1, label: null, strategy: 'RollingUpdate', probe: { path: '/healthz', period: 10 } });
  });

  it('gives every default its own copy', () => {
    const first = app({ image: 'x' });
    const second = app({ image: 'y' });
    compiled.admit(first);
    compiled.admit(second);
    ((first.spec as Record<string, unknown>).probe as Record<string, unknown>).path = '/changed';
    assert.equal(((second.spec as Record<string, unknown>).probe as Record<string, unknown>).path, '/healthz');
  });

  it('compiles an identical schema once', () => {
    assert.equal(compileSchema(structuredClone(schema)), compiled);
  });

  it('throws SchemaCompileError for a schema ajv cannot compile', () => {
    assert.throws(() => compileSchema({ type: 'object', properties: { a: { type: 'string', pattern: '([' } } }), SchemaCompileError);
  });
});

describe('compileSchema with hostile input', () => {
  const compiled = compileSchema(schema);
  const inputs: [string, () => unknown][] = [
    ['a string spec', () => app('abc')],
    ['an array spec', () => app([1, { a: 2 }])],
    ['a null spec', () => app(null)],
    ['arrays where objects are expected', () => app({ image: 'x', probe: [[{ a: 1 }]], config: ['x'] })],
    ['objects where arrays are expected', () => app({ image: 'x', containers: { name: 'a' } })],
    ['prototype keys', () => JSON.parse('{"spec":{"image":"x","__proto__":{"polluted":true},"constructor":{"a":1}},"__proto__":1}')],
    ['a non-object document', () => [1, 2, 3]],
    ['null', () => null],
    ['deeply nested unknown arrays', () => app({ image: 'x', containers: nest(20000) })],
    ['deeply nested preserved objects', () => app({ image: 'x', extra: { anything: nestObjects(5000) } })],
    ['a huge document', () => app({ image: 'x', config: Object.fromEntries(Array.from({ length: 50000 }, (_, i) => [`k${i}`, i % 2 ? 'v' : i])) })],
  ];

  for (const [name, make] of inputs) {
    it(`never throws on ${name}`, () => {
      const check = compiled.admit(make() as KubeObject);
      assert.ok(Array.isArray(check.causes));
      assert.ok(Array.isArray(check.unknownFields));
    });
  }

  it('reports a non-object spec as a type error on spec', () => {
    assert.deepEqual(compiled.admit(app('abc')).causes, [
      { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec in body must be of type object: "string"', field: 'spec' },
    ]);
  });

  it('prunes prototype-named fields as ordinary unknown fields', () => {
    const object = JSON.parse('{"spec":{"image":"x","__proto__":{"polluted":true},"constructor":{"a":1}}}');
    const check = compiled.admit(object);
    assert.deepEqual(check.unknownFields.sort(), ['spec.__proto__', 'spec.constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('prunes every object field below a schema that has no item schema, then reports the type', () => {
    const object = app({ image: 'x', tags: [[{ a: 1 }]] });
    const check = compiled.admit(object);
    assert.deepEqual(check.unknownFields, ['spec.tags[0][0].a']);
    assert.deepEqual((object.spec as Record<string, unknown>).tags, [[{}]]);
    assert.deepEqual(check.causes.map((cause) => cause.field), ['spec.tags[0]']);
  });
});

function nest(depth: number): unknown {
  let value: unknown = [{ leaf: true }];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function nestObjects(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}
