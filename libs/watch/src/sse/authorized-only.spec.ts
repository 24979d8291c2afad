import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstValueFrom, from, toArray } from 'rxjs';
import type { ResourceChange } from '@app/resources';
import { authorizedOnly } from './authorized-only.js';

const change = (namespace: string, name: string) => ({ type: 'ADDED', object: { metadata: { namespace, name } } }) as unknown as ResourceChange;
const names = (changes: ResourceChange[]) => changes.map((c) => c.object.metadata?.name);

describe(authorizedOnly.name, () => {
  it('keeps the allowed changes in order, whether the answers are immediate or come later', async () => {
    const changes = [change('a', '1'), change('b', '2'), change('a', '3'), change('c', '4')];
    const slowFirst = (c: ResourceChange) =>
      c.object.metadata?.namespace === 'c' ? true : new Promise<boolean>((resolve) => setTimeout(() => resolve(c.object.metadata?.namespace === 'a'), c.object.metadata?.name === '1' ? 20 : 1));
    assert.deepEqual(names(await firstValueFrom(from(changes).pipe(authorizedOnly(slowFirst), toArray()))), ['1', '3', '4']);
  });

  it('drops a change whose decision fails, and keeps streaming', async () => {
    const failing = (c: ResourceChange) => (c.object.metadata?.name === '2' ? Promise.reject(new Error('cluster unreachable')) : Promise.resolve(true));
    assert.deepEqual(names(await firstValueFrom(from([change('a', '1'), change('a', '2'), change('a', '3')]).pipe(authorizedOnly(failing), toArray()))), ['1', '3']);
  });
});
