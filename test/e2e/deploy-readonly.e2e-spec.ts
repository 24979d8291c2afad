import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, tempDir } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { canMakeReadOnlyRoot, composeFile, ContainerProcess, imageEnvironment, readOnlyRoot, serviceEnvironment, startContainerProcess, until } from './deploy-support.js';

const NS = `${APPS}/namespaces/read-only/applications`;

/**
 * `read_only: true` in docker-compose.yml (and `docker run --read-only`): the operator runs the
 * image's command with operator-1's environment in a private mount namespace where `/` is
 * remounted read-only and only DATA_DIR is writable. Stricter than the container, where /tmp
 * is a tmpfs: here /tmp is read-only too. It serves, reconciles (events, status writes),
 * issues webhook certificates, answers webhooks, and stops cleanly on SIGTERM.
 */
describe('The operator on a read-only root filesystem (e2e)', { skip: canMakeReadOnlyRoot() ? false : 'cannot create a mount namespace here (unshare -m)' }, () => {
  const data = tempDir('read-only-root-');
  let operator: ContainerProcess;
  let http: Http;

  before(async () => {
    const env = {
      ...imageEnvironment(),
      ...serviceEnvironment(composeFile().services['operator-1']),
      DATA_DIR: data.path,
      PORT: String(await freePort()),
      WEBHOOK_PORT: String(await freePort()),
    };
    operator = await startContainerProcess('operator-1', env, { readOnlyRootExcept: data.path });
    // operator-1's environment has AUTH_BOOTSTRAP=true: use the admin token it wrote into DATA_DIR.
    const token = readFileSync(join(data.path, 'bootstrap-tokens.csv'), 'utf8').split(',')[0];
    http = new Http(operator.url, { authorization: `Bearer ${token}` });
  });
  after(async () => {
    await operator?.kill('SIGKILL');
    data.remove();
  });

  it('really is read-only outside DATA_DIR (the working directory and /tmp refuse writes)', () => {
    const probe = `for (const dir of ['.', '/tmp', process.argv[1]]) { try { require('fs').writeFileSync(dir + '/.probe', 'x'); require('fs').unlinkSync(dir + '/.probe'); console.log('ok'); } catch (e) { console.log(e.code); } }`;
    const [file, argv] = readOnlyRoot(data.path, [process.execPath, '-e', probe, data.path]);
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    assert.deepEqual(result.stdout.trim().split('\n'), ['EROFS', 'EROFS', 'ok'], result.stderr);
  });

  it('serves, reconciles and answers webhooks with only DATA_DIR writable', async () => {
    assert.equal((await http.post(NS, application('web', { replicas: 2 }))).status, 201);
    await until('web Running', async () => (await http.get(`${NS}/web`)).body.status?.phase === 'Running');
    const events = await http.get('/events?namespace=read-only');
    assert.ok(events.body.items.length > 0, 'events were written');
    const review = await http.post('/validate', {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'ro-1', operation: 'CREATE', namespace: 'read-only', kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' }, object: application('x') },
    });
    assert.equal(review.body.response.allowed, true);
    assert.match((await http.get('/webhook/ca.crt')).text, /BEGIN CERTIFICATE/);
    assert.equal((await http.get('/dashboard')).status, 200);
    assert.equal((await http.get('/readyz')).status, 200);
  });

  it('stops cleanly on SIGTERM, having written only its store, webhook TLS material and bootstrap credentials', async () => {
    assert.equal(await operator.kill('SIGTERM'), 0, operator.output());
    assert.doesNotMatch(operator.output(), /EROFS|read-only file system/i);
    assert.deepEqual(readdirSync(data.path).sort(), ['admin.kubeconfig', 'bootstrap-tokens.csv', 'operator.db', 'webhook-tls']);
    assert.deepEqual(readdirSync(join(data.path, 'webhook-tls')).sort(), ['ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
  });
});
