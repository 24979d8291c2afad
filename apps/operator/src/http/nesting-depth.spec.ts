import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { MAX_BODY_DEPTH, valueDeeperThan, yamlDeeperThan } from './nesting-depth.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('nesting depth', () => {
  it('valueDeeperThan measures objects and arrays exactly, at any depth', () => {
    assert.equal(valueDeeperThan({ a: { b: [1] } }, 3), false);
    assert.equal(valueDeeperThan({ a: { b: [1] } }, 2), true);
    assert.equal(valueDeeperThan('text', 0), false);
    assert.equal(valueDeeperThan(JSON.parse(nested(100_000)), MAX_BODY_DEPTH), true);
    assert.equal(valueDeeperThan(JSON.parse(nested(MAX_BODY_DEPTH)), MAX_BODY_DEPTH), false);
  });

  it('yamlDeeperThan bounds flow, block and compact nesting without parsing', () => {
    assert.equal(yamlDeeperThan(nested(MAX_BODY_DEPTH - 1), MAX_BODY_DEPTH), false);
    assert.equal(yamlDeeperThan(nested(5000), MAX_BODY_DEPTH), true);
    assert.equal(yamlDeeperThan(`${'- '.repeat(600)}x`, MAX_BODY_DEPTH), true);
    let block = '';
    for (let i = 0; i < 600; i++) block += `${' '.repeat(i)}a:\n`;
    assert.equal(yamlDeeperThan(block, MAX_BODY_DEPTH), true);
  });

  it('accepts ordinary manifests, including block scalars with deeper-indented text', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b}\ndata:\n  script: |\n    if [ -n "$X" ]; then\n        echo [x]\n    fi\n  list:\n  - - a\n    - b\n';
    assert.equal(yamlDeeperThan(manifest, 8), false);
    assert.equal(valueDeeperThan(parse(manifest), 8), false);
  });
});
