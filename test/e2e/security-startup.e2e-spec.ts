import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { application } from '../support/http.js';
import { Kubectl } from '../support/kubectl.js';
import { freePort, OperatorProcess, spawnOperator, tempDir } from '../support/operator.js';
import { eventually } from './security-fixtures.js';

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('Security: secure by default, convenient locally (e2e)', () => {
  const processes: OperatorProcess[] = [];
  const dir = tempDir('security-startup-');
  after(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    dir.remove();
  });
  const spawn = async (env: Record<string, string>) => {
    const operator = await spawnOperator(env);
    processes.push(operator);
    return operator;
  };

  it('binds 127.0.0.1 only when no authentication is configured', async () => {
    const operator = await spawn({ HOST: '', AUTH_MODE: '', RECONCILER_ENABLED: 'false' });
    assert.match(operator.output(), new RegExp(`serving on http://127\\.0\\.0\\.1:${operator.port} `));
    assert.equal((await fetch(`${operator.url}/apis/cloudnative.elide.dev/v1/applications`)).status, 200, 'no token needed locally');
    const external = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) assert.equal(await reachable(external.address, operator.port), false, `not reachable on ${external.address}`);
    await operator.kill();
  });

  it('refuses to serve another address without authentication, saying what to set', async () => {
    await assert.rejects(spawn({ HOST: '0.0.0.0' }), (error: Error) => {
      assert.match(error.message, /operator exited with 2 before serving/);
      assert.match(error.message, /HOST=0\.0\.0\.0 would serve the API to other machines without authentication: set AUTH_BOOTSTRAP=true .* or TOKEN_AUTH_FILE=<token CSV file> .* or AUTH_MODE=none/s);
      return true;
    });
  });

  it('serves another address without authentication only with AUTH_MODE=none, warning loudly', async () => {
    const operator = await spawn({ HOST: '0.0.0.0', AUTH_MODE: 'none', RECONCILER_ENABLED: 'false' });
    assert.match(operator.output(), /WARN.*AUTH_MODE=none with HOST=0\.0\.0\.0: the API is served WITHOUT AUTHENTICATION/);
    assert.match(operator.output(), /serving on http:\/\/0\.0\.0\.0:/);
    assert.equal((await fetch(`${operator.url}/apis/cloudnative.elide.dev/v1/applications`)).status, 200);
    await operator.kill();
  });

  it('AUTH_BOOTSTRAP generates an admin token and a kubeconfig kubectl uses; token files reload', async () => {
    const dataDir = join(dir.path, 'data');
    const tokenFile = join(dir.path, 'tokens.csv');
    writeFileSync(tokenFile, 'first-token-1234,first,uid-1\n');
    const env = { AUTH_BOOTSTRAP: 'true', HOST: '', DATA_DIR: dataDir, TOKEN_AUTH_FILE: tokenFile, WEBHOOK_PORT: String(await freePort()), RECONCILER_ENABLED: 'false' };
    const operator = await spawn(env);
    const tokens = join(dataDir, 'bootstrap-tokens.csv');
    const kubeconfig = join(dataDir, 'admin.kubeconfig');
    assert.match(operator.output(), new RegExp(`generated an admin token \\(group system:masters\\) in ${tokens} \\(mode 0600\\)`));
    assert.match(operator.output(), new RegExp(`wrote an admin kubeconfig for https://localhost:${env.WEBHOOK_PORT} to ${kubeconfig} \\(mode 0600\\)`));
    assert.match(operator.output(), /serving on http:\/\/0\.0\.0\.0:/, 'with authentication the default HOST is every address');
    assert.equal(statSync(tokens).mode & 0o777, 0o600);
    assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
    const token = readFileSync(tokens, 'utf8').split(',')[0];
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.ok(!operator.output().includes(token), 'the token is never logged');

    assert.equal((await fetch(`${operator.url}/apis/cloudnative.elide.dev/v1/applications`)).status, 401);
    const kubectl = new Kubectl(kubeconfig, join(dir.path, 'kubectl'));
    const empty = await kubectl.run(['get', 'applications', '-A']);
    assert.deepEqual([empty.code, empty.stderr.trim()], [0, 'No resources found'], 'kubectl sends the token from the generated kubeconfig');
    const created = await kubectl.ok(['create', '-n', 'default', '-o', 'json', '-f', '-'], JSON.stringify(application('from-kubectl')));
    assert.equal(JSON.parse(created).metadata.annotations['cloudnative.elide.dev/last-admitted-by'], 'admin');
    assert.equal((await kubectl.ok(['auth', 'can-i', 'delete', 'applications'])).trim(), 'yes');

    const first = { authorization: 'Bearer first-token-1234' };
    assert.equal((await fetch(`${operator.url}/apis`, { headers: first })).status, 200);
    appendFileSync(tokenFile, 'second-token-5678,second,uid-2\n');
    await eventually(async () => (await fetch(`${operator.url}/apis`, { headers: { authorization: 'Bearer second-token-5678' } })).status === 200, 8000);

    await operator.kill();
    const restarted = await spawn(env);
    assert.match(restarted.output(), new RegExp(`using the admin token in ${tokens}`));
    assert.equal(readFileSync(tokens, 'utf8').split(',')[0], token, 'the token survives restarts');
    const again = await kubectl.run(['get', 'applications', '-A']);
    assert.deepEqual([again.code, again.stderr.trim()], [0, 'No resources found'], 'storage is in memory, but the kubeconfig still works');
    await restarted.kill();
  });
});
