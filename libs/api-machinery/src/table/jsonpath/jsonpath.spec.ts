import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonPath } from './jsonpath.js';
import { JsonPathSyntaxError } from './jsonpath.types.js';

const object = {
  metadata: {
    name: 'web',
    labels: { app: 'web', 'app.kubernetes.io/name': 'shop' },
    annotations: { 'example.com/x': 'annotated' },
  },
  spec: { replicas: 3, image: 'nginx', paused: false, empty: null },
  status: {
    conditions: [
      { type: 'Progressing', status: 'True', observed: 1 },
      { type: 'Ready', status: 'False', observed: 2 },
      { type: 'Degraded', status: 'Unknown', observed: 3 },
    ],
  },
  items: [{ x: 'a', n: 1 }, { x: 'b', n: 2 }, { x: 'c', n: 3, deep: { x: 'd' } }],
};

describe(JsonPath.name, () => {
  const cases: [path: string, results: unknown[]][] = [
    ['.spec.replicas', [3]],
    ['$.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['.spec.paused', [false]],
    ['.spec.empty', [null]],
    ['.metadata.labels.app', ['web']],
    ['.metadata.annotations.example\\.com/x', ['annotated']],
    ['.metadata.labels.app\\.kubernetes\\.io/name', ['shop']],
    [".metadata.annotations['example.com/x']", ['annotated']],
    ['.metadata.annotations["example.com/x"]', ['annotated']],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    [".status.conditions[?(@.type=='Ready')].status", ['False']],
    ['.status.conditions[?(@.type != "Ready")].type', ['Progressing', 'Degraded']],
    ['.status.conditions[?(@.observed>=2)].type', ['Ready', 'Degraded']],
    ['.status.conditions[?(@.observed<2)].type', ['Progressing']],
    ['.items[?(@.deep)].x', ['c']],
    ['.items[0].x', ['a']],
    ['.items[-1].x', ['c']],
    ['.items[1:3].x', ['b', 'c']],
    ['.items[::2].x', ['a', 'c']],
    ['.items[*].x', ['a', 'b', 'c']],
    ['.items[0,2].x', ['a', 'c']],
    ['.items..x', ['a', 'b', 'c', 'd']],
    ['.spec.*', [3, 'nginx', false, null]],
    ['.', [object]],
    ['.spec.missing', []],
    ['.items[9].x', []],
    ['.items[-9].x', []],
    ['.spec.replicas.foo', []],
    ['.spec[0]', []],
    ['.spec[?(@.x)]', []],
    ['.status.conditions[?(@.type=="Nope")].status', []],
    ['.status.conditions[?(@.observed=="1")].type', []],
  ];
  for (const [path, results] of cases) {
    it(`finds ${JSON.stringify(results)} at ${path}`, () => assert.deepEqual(JsonPath.compile(path).find(object), results));
  }

  for (const path of ['spec', '.items[', '.items[abc]', '.a[?(@.b=1)]', '.a[?(b)]', '.a]']) {
    it(`rejects ${path}`, () => assert.throws(() => JsonPath.compile(path), JsonPathSyntaxError));
  }
});
