import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedRoutesOf } from './fixed-routes.js';

describe(fixedRoutesOf.name, () => {
  it('keeps parameterless route paths and follows routes added later', () => {
    const stack: Array<{ route?: { path?: unknown } }> = [{}, { route: { path: '/validate' } }, { route: { path: '/dashboard/assets/:file' } }, { route: { path: ['api', 'api/*path'] } }];
    const app = { router: { stack } };
    assert.deepEqual([...fixedRoutesOf(app)], ['/validate', 'api']);
    stack.push({ route: { path: '/leader/' } });
    assert.deepEqual([...fixedRoutesOf(app)], ['/validate', 'api', '/leader']);
  });

  it('answers an empty set for anything that is not an Express app', () => {
    assert.equal(fixedRoutesOf(undefined).size, 0);
    assert.equal(fixedRoutesOf({}).size, 0);
  });
});
