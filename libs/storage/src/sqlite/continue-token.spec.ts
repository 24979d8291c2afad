import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidContinueError } from '../store.js';
import { decodeContinue, encodeContinue } from './continue-token.js';

describe(`${encodeContinue.name} / ${decodeContinue.name}`, () => {
  it('round-trips a position in kube-apiserver format', () => {
    const token = encodeContinue({ revision: 42, start: 'ns/name\u0000' });
    assert.deepEqual(JSON.parse(Buffer.from(token, 'base64url').toString()), { v: 'meta.k8s.io/v1', rv: 42, start: 'ns/name\u0000' });
    assert.deepEqual(decodeContinue(token), { revision: 42, start: 'ns/name\u0000' });
  });

  it('rejects tokens that are not JSON, of another version, or without a revision or start', () => {
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tokens = ['%%%', encode(null), encode({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' }),
      encode({ v: 'meta.k8s.io/v1', rv: 1.5, start: 'a' }), encode({ v: 'meta.k8s.io/v1', rv: 3, start: '' }),
      encode({ v: 'other', rv: 3, start: 'a' })];
    for (const token of tokens) assert.throws(() => decodeContinue(token), InvalidContinueError, token);
  });
});
