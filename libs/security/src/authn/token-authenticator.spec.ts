import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenAuthenticator } from './token-authenticator.js';
import { bearerToken } from './bearer-token.js';

describe(TokenAuthenticator.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-auth-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('authenticates known tokens with their user, uid and groups plus system:authenticated', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'secret-1,alice,u-1,"dev,ops"\nsecret-2,bob,u-2\n');
    const tokens = new TokenAuthenticator([file]);
    assert.deepEqual(tokens.authenticate('secret-1'), { username: 'alice', uid: 'u-1', groups: ['dev', 'ops', 'system:authenticated'] });
    assert.deepEqual(tokens.authenticate('secret-2'), { username: 'bob', uid: 'u-2', groups: ['system:authenticated'] });
    assert.equal(tokens.authenticate('secret-3'), undefined);
    assert.equal(tokens.authenticate('secret-1 '), undefined);
    assert.equal(tokens.authenticate(''), undefined);
  });

  it('reads several files', () => {
    const a = join(dir, 'm1.csv');
    const b = join(dir, 'm2.csv');
    writeFileSync(a, 'ta,alice,1\n');
    writeFileSync(b, 'tb,bob,2\n');
    const tokens = new TokenAuthenticator([a, b]);
    assert.equal(tokens.size, 2);
    assert.equal(tokens.authenticate('tb')?.username, 'bob');
  });

  it('reloads a changed file and keeps the old tokens when the new content is malformed', () => {
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'old,alice,1\n');
    const tokens = new TokenAuthenticator([file]);
    assert.deepEqual(tokens.reloadIfChanged(), { reloaded: [], errors: [] });
    writeFileSync(file, 'new-token,alice,1\nanother,carol,3\n');
    assert.deepEqual(tokens.reloadIfChanged().reloaded, [file]);
    assert.equal(tokens.authenticate('old'), undefined);
    assert.equal(tokens.authenticate('another')?.username, 'carol');
    writeFileSync(file, 'broken,line\n');
    const outcome = tokens.reloadIfChanged();
    assert.equal(outcome.errors.length, 1);
    assert.match(outcome.errors[0], /must have at least 3 columns/);
    assert.equal(tokens.authenticate('new-token')?.username, 'alice');
  });

  it('fails at once on a missing or malformed file', () => {
    assert.throws(() => new TokenAuthenticator([join(dir, 'missing.csv')]), /ENOENT/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'only,two\n');
    assert.throws(() => new TokenAuthenticator([bad]), /at least 3 columns/);
  });
});

describe(bearerToken.name, () => {
  it('reads the token of a Bearer header, scheme case-insensitive', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer   abc  '), 'abc');
    assert.equal(bearerToken('  BEARER abc'), 'abc');
    assert.equal(bearerToken('Bearer '), undefined);
    assert.equal(bearerToken('Bearer  '), undefined);
    assert.equal(bearerToken('Basic YWxpY2U6cHc='), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });
});
