import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTokenCsv, TokenFileError } from './token-csv.js';

describe(parseTokenCsv.name, () => {
  it('reads token, user, uid and quoted comma-separated groups', () => {
    const records = parseTokenCsv('t1,alice,u1,"dev,ops"\nt2,bob,u2\n\nt3,carol,u3,admins\r\n', 'tokens.csv');
    assert.deepEqual(records, [
      { token: 't1', username: 'alice', uid: 'u1', groups: ['dev', 'ops'] },
      { token: 't2', username: 'bob', uid: 'u2', groups: [] },
      { token: 't3', username: 'carol', uid: 'u3', groups: ['admins'] },
    ]);
  });

  it('handles escaped quotes and commas inside quoted fields', () => {
    const [record] = parseTokenCsv('"a,b""c",user,uid', 'f');
    assert.equal(record.token, 'a,b"c');
  });

  it('skips empty tokens and keeps the last record of a duplicate token', () => {
    const records = parseTokenCsv(',nobody,0\nt,first,1\nt,second,2\n', 'f');
    assert.deepEqual(records.map((r) => r.username), ['second']);
  });

  it('refuses records with fewer than three columns, naming the file and line', () => {
    assert.throws(() => parseTokenCsv('t1,alice,u1\nt2,bob\n', '/etc/tokens.csv'), (error: unknown) => {
      assert.ok(error instanceof TokenFileError);
      assert.equal(error.message, "token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 2 on line 2");
      return true;
    });
    assert.throws(() => parseTokenCsv('"t1,alice,u1\n', 'f'), /unterminated quoted field/);
  });
});
