import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError, loadConfig } from './load-config.js';

describe(loadConfig.name, () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.STORAGE, 'sqlite');
    assert.equal(c.DATA_DIR, './data');
    assert.equal(c.SQLITE_SYNCHRONOUS, 'full');
    assert.equal(c.ENABLE_LEADER_ELECTION, true);
    assert.deepEqual(c.SIM_FAILING_TAGS, ['broken', 'doesnotexist']);
  });

  it('converts types', () => {
    const c = loadConfig({ PORT: '3001', ENABLE_LEADER_ELECTION: 'false', SIM_FAILING_TAGS: 'a, b', QUEUE_QPS: '2.5' });
    assert.equal(c.PORT, 3001);
    assert.equal(c.ENABLE_LEADER_ELECTION, false);
    assert.deepEqual(c.SIM_FAILING_TAGS, ['a', 'b']);
    assert.equal(c.QUEUE_QPS, 2.5);
  });

  it('names every bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', STORAGE: 'mongo', LOG_FORMAT: 'xml' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        const text = error.message;
        for (const name of ['PORT', 'STORAGE', 'LOG_FORMAT']) assert.match(text, new RegExp(name));
        return true;
      },
    );
  });

  it('checks the leader election timing order', () => {
    assert.throws(() => loadConfig({ LEASE_DURATION_SECONDS: '5', RENEW_DEADLINE_SECONDS: '10' }), /LEASE_DURATION_SECONDS/);
  });
});
