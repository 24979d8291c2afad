import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError, loadConfig } from './load-config.js';
import { isLoopbackHost, servesOpenApi } from './security-config.js';

describe('security configuration', () => {
  it('binds loopback only when no authentication is configured', () => {
    const c = loadConfig({});
    assert.equal(c.AUTH_MODE, 'none');
    assert.equal(c.HOST, '127.0.0.1');
    assert.equal(servesOpenApi(c), false);
  });

  it('binds every address and requires tokens when a token source is configured', () => {
    const file = loadConfig({ TOKEN_AUTH_FILE: '/etc/tokens.csv' });
    assert.equal(file.AUTH_MODE, 'token');
    assert.equal(file.HOST, '0.0.0.0');
    const bootstrap = loadConfig({ AUTH_BOOTSTRAP: 'true' });
    assert.equal(bootstrap.AUTH_MODE, 'token');
    assert.equal(bootstrap.HOST, '0.0.0.0');
  });

  it('refuses a non-loopback HOST without authentication, saying what to set', () => {
    assert.throws(
      () => loadConfig({ HOST: '0.0.0.0' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        assert.match(error.message, /HOST=0\.0\.0\.0 would serve the API to other machines without authentication/);
        for (const name of ['AUTH_BOOTSTRAP=true', 'TOKEN_AUTH_FILE=', 'AUTH_MODE=none']) assert.ok(error.message.includes(name), name);
        return true;
      },
    );
  });

  it('serves open on purpose with an explicit AUTH_MODE=none', () => {
    const c = loadConfig({ HOST: '0.0.0.0', AUTH_MODE: 'none' });
    assert.equal(c.HOST, '0.0.0.0');
    assert.equal(servesOpenApi(c), true);
  });

  it('accepts loopback hosts without authentication', () => {
    assert.equal(loadConfig({ HOST: '127.0.0.2' }).HOST, '127.0.0.2');
    assert.equal(loadConfig({ HOST: '::1' }).HOST, '::1');
    assert.equal(loadConfig({ HOST: 'localhost' }).HOST, 'localhost');
  });

  it('refuses contradictory authentication settings', () => {
    assert.throws(() => loadConfig({ AUTH_MODE: 'token' }), /AUTH_MODE=token needs TOKEN_AUTH_FILE/);
    assert.throws(() => loadConfig({ AUTH_MODE: 'none', AUTH_BOOTSTRAP: 'true' }), /AUTH_MODE=none contradicts/);
    assert.throws(() => loadConfig({ AUTH_MODE: 'basic' }), /AUTH_MODE/);
  });

  it('in cluster mode, authenticates by default through the cluster and refuses standalone-only settings', () => {
    const c = loadConfig({ MODE: 'cluster' });
    assert.deepEqual([c.AUTH_MODE, c.HOST], ['token', '0.0.0.0']);
    assert.equal(loadConfig({ MODE: 'cluster', TOKEN_AUTH_FILE: '/etc/tokens.csv' }).AUTH_MODE, 'token');
    const open = loadConfig({ MODE: 'cluster', AUTH_MODE: 'none', HOST: '0.0.0.0' });
    assert.deepEqual([open.AUTH_MODE, open.HOST], ['none', '0.0.0.0']);
    assert.throws(() => loadConfig({ MODE: 'cluster', RBAC_FILE: '/etc/rbac.yaml' }), /RBAC_FILE is not used in MODE=cluster: the cluster's RBAC authorizes requests/);
    assert.throws(() => loadConfig({ MODE: 'cluster', AUTH_BOOTSTRAP: 'true' }), /AUTH_BOOTSTRAP is for standalone mode/);
  });

  it('applies the overload and audit defaults', () => {
    const c = loadConfig({});
    assert.equal(c.MAX_REQUESTS_INFLIGHT, 400);
    assert.equal(c.MAX_MUTATING_REQUESTS_INFLIGHT, 200);
    assert.equal(c.REQUEST_TIMEOUT_SECONDS, 60);
    assert.equal(c.AUDIT_LEVEL, 'Metadata');
    assert.equal(c.AUDIT_LOG_PATH, undefined);
    assert.equal(c.METRICS_ANONYMOUS, false);
    assert.throws(() => loadConfig({ AUDIT_LEVEL: 'RequestResponse' }), /AUDIT_LEVEL/);
  });

  it('recognises loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com']) assert.equal(isLoopbackHost(host), false, host);
  });
});
