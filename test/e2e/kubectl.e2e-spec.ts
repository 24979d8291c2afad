import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startTestOperator, tempDir } from '../support/operator.js';
import { APPS, Http } from '../support/http.js';
import { Kubectl } from '../support/kubectl.js';
import { headerOf, parseTable, RECENT_AGE } from '../support/text-table.js';
import { delay, waitFor } from '../support/wait.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const GROUP = 'cloudnative.elide.dev';
const APP_HEADER = 'NAME   REPLICAS   READY   PHASE     AGE';

/** An Application manifest as a user writes it (YAML). */
function manifest(name: string, options: { replicas?: number; labels?: Record<string, string>; finalizers?: string[]; namespace?: string } = {}): string {
  const lines = ['apiVersion: cloudnative.elide.dev/v1', 'kind: Application', 'metadata:', `  name: ${name}`];
  if (options.namespace) lines.push(`  namespace: ${options.namespace}`);
  if (options.labels) lines.push('  labels:', ...Object.entries(options.labels).map(([k, v]) => `    ${k}: "${v}"`));
  if (options.finalizers) lines.push('  finalizers:', ...options.finalizers.map((f) => `  - ${f}`));
  lines.push('spec:', '  image: nginx:1.25', `  replicas: ${options.replicas ?? 2}`);
  return `${lines.join('\n')}\n`;
}

describe('kubectl against the operator (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  let kubectl: Kubectl;
  let dir: ReturnType<typeof tempDir>;
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const apps = (ns: string) => `${APPS}/namespaces/${ns}/applications`;

  before(async () => {
    operator = await startTestOperator({ ENABLE_LEADER_ELECTION: 'true', POD_NAME: 'operator-e2e-0', SIM_POD_STARTUP_MS: '10' });
    http = new Http(operator.url);
    dir = tempDir('kubectl-e2e-');
    kubectl = Kubectl.forServer(dir.path, operator.url);
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  it('api-resources lists applications and the built-in resources', async () => {
    const out = await kubectl.ok(['api-resources']);
    assert.match(headerOf(out), /^NAME {3,}SHORTNAMES {3}APIVERSION {3,}NAMESPACED {3}KIND$/);
    const rows = new Map(parseTable(out).map((row) => [row.NAME, row]));
    assert.deepEqual(rows.get('applications'), { NAME: 'applications', SHORTNAMES: 'app', APIVERSION: `${GROUP}/v1`, NAMESPACED: 'true', KIND: 'Application' });
    assert.deepEqual(rows.get('events'), { NAME: 'events', SHORTNAMES: 'ev', APIVERSION: 'v1', NAMESPACED: 'true', KIND: 'Event' });
    assert.deepEqual(rows.get('leases'), { NAME: 'leases', SHORTNAMES: '', APIVERSION: 'coordination.k8s.io/v1', NAMESPACED: 'true', KIND: 'Lease' });
    assert.deepEqual(rows.get('namespaces'), { NAME: 'namespaces', SHORTNAMES: 'ns', APIVERSION: 'v1', NAMESPACED: 'false', KIND: 'Namespace' });
    assert.deepEqual(rows.get('customresourcedefinitions'), {
      NAME: 'customresourcedefinitions',
      SHORTNAMES: 'crd,crds',
      APIVERSION: 'apiextensions.k8s.io/v1',
      NAMESPACED: 'false',
      KIND: 'CustomResourceDefinition',
    });
    const wide = parseTable(await kubectl.ok(['api-resources', `--api-group=${GROUP}`, '-o', 'wide']));
    assert.deepEqual(wide, [
      {
        NAME: 'applications',
        SHORTNAMES: 'app',
        APIVERSION: `${GROUP}/v1`,
        NAMESPACED: 'true',
        KIND: 'Application',
        VERBS: 'delete,deletecollection,get,list,patch,create,update,watch',
        CATEGORIES: 'all',
      },
    ]);
  });

  describe('create and get', () => {
    const ns = 'get-ns';
    before(async () => {
      const docs = [
        manifest('alpha', { labels: { app: 'x', tier: 'web' }, namespace: ns }),
        manifest('bravo', { labels: { app: 'y' }, replicas: 3, namespace: ns }),
        manifest('charlie', { labels: { app: 'x' }, namespace: ns }),
        manifest('delta', { namespace: ns }),
        manifest('echo', { namespace: ns }),
      ];
      const created = await kubectl.run(['create', '-f', file('five.yaml', docs.join('---\n'))]);
      assert.equal(created.code, 0, created.stderr);
      assert.deepEqual(created.stdout.trim().split('\n'), ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((n) => `application.${GROUP}/${n} created`));
      await kubectl.ok(['wait', '--for=condition=Ready', 'applications', '--all', '-n', ns, '--timeout=60s']);
    });

    it('create -f reports "created", and AlreadyExists the second time', async () => {
      const path = file('single.yaml', manifest('single', { namespace: 'create-ns' }));
      const first = await kubectl.run(['create', '-f', path]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, `application.${GROUP}/single created\n`);
      const again = await kubectl.run(['create', '-f', path]);
      assert.equal(again.code, 1);
      assert.equal(again.stderr.trim(), `Error from server (AlreadyExists): error when creating "${path}": applications.${GROUP} "single" already exists`);
    });

    it('create -f validates by default: unknown fields are refused (Strict), invalid values too', async () => {
      const unknown = file('unknown.yaml', manifest('unknown', { namespace: 'create-ns' }).replace('  replicas: 2\n', '  replicas: 2\n  extra: true\n'));
      const strict = await kubectl.run(['create', '-f', unknown]);
      assert.equal(strict.code, 1);
      assert.equal(
        strict.stderr.trim(),
        `Error from server (BadRequest): error when creating "${unknown}": Application in version "v1" cannot be handled as a Application: strict decoding error: unknown field "spec.extra"`,
      );
      const invalid = await kubectl.run(['create', '-f', file('invalid.yaml', manifest('invalid', { namespace: 'create-ns', replicas: 500 }))]);
      assert.equal(invalid.code, 1);
      assert.equal(invalid.stderr.trim(), 'The Application "invalid" is invalid: spec.replicas: Invalid value: 500: spec.replicas in body should be less than or equal to 100');
      assert.equal((await http.get(`${apps('create-ns')}/unknown`)).status, 404);
    });

    it('get applications -n prints the printer columns, aligned, with ages', async () => {
      const out = await kubectl.ok(['get', 'applications', '-n', ns]);
      assert.equal(headerOf(out), 'NAME      REPLICAS   READY   PHASE     AGE');
      const rows = parseTable(out);
      assert.deepEqual(rows.map(({ AGE, ...row }) => row), [
        { NAME: 'alpha', REPLICAS: '2', READY: '2', PHASE: 'Running' },
        { NAME: 'bravo', REPLICAS: '3', READY: '3', PHASE: 'Running' },
        { NAME: 'charlie', REPLICAS: '2', READY: '2', PHASE: 'Running' },
        { NAME: 'delta', REPLICAS: '2', READY: '2', PHASE: 'Running' },
        { NAME: 'echo', REPLICAS: '2', READY: '2', PHASE: 'Running' },
      ]);
      rows.forEach((row) => assert.match(row.AGE, RECENT_AGE));
    });

    it('get with -A, -o wide, --show-labels, -l and a single name', async () => {
      const [all, wide, labels, selected, single, none] = await Promise.all([
        kubectl.ok(['get', 'app', '-A']),
        kubectl.ok(['get', 'app', '-n', ns, '-o', 'wide']),
        kubectl.ok(['get', 'app', '-n', ns, '--show-labels', '-l', 'app']),
        kubectl.ok(['get', 'app', '-n', ns, '-l', 'app=x']),
        kubectl.ok(['get', 'app', 'bravo', '-n', ns]),
        kubectl.run(['get', 'app', '-n', ns, '-l', 'app=nope']),
      ]);
      assert.match(headerOf(all), /^NAMESPACE\s+NAME\s+REPLICAS\s+READY\s+PHASE\s+AGE$/);
      const everywhere = parseTable(all).filter((row) => row.NAMESPACE === ns);
      assert.deepEqual(everywhere.map((row) => row.NAME), ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      assert.equal(headerOf(wide), 'NAME      REPLICAS   READY   PHASE     IMAGE        AGE');
      assert.deepEqual(parseTable(wide).map((row) => row.IMAGE), Array(5).fill('nginx:1.25'));
      assert.deepEqual(parseTable(labels).map((row) => [row.NAME, row.LABELS]), [
        ['alpha', 'app.kubernetes.io/managed-by=application-operator,app=x,tier=web'],
        ['bravo', 'app.kubernetes.io/managed-by=application-operator,app=y'],
        ['charlie', 'app.kubernetes.io/managed-by=application-operator,app=x'],
      ]);
      assert.deepEqual(parseTable(selected).map((row) => row.NAME), ['alpha', 'charlie']);
      assert.equal(headerOf(single), 'NAME    REPLICAS   READY   PHASE     AGE');
      assert.deepEqual(parseTable(single).map(({ AGE, ...row }) => row), [{ NAME: 'bravo', REPLICAS: '3', READY: '3', PHASE: 'Running' }]);
      assert.equal(none.code, 0);
      assert.equal(none.stdout, '');
      assert.equal(none.stderr, `No resources found in ${ns} namespace.\n`);
    });

    it('get -o name, jsonpath, json and yaml', async () => {
      const [names, jsonpath, json, yaml, one] = await Promise.all([
        kubectl.ok(['get', 'app', '-n', ns, '-o', 'name']),
        kubectl.ok(['get', 'app', '-n', ns, '-o', 'jsonpath={.items[*].metadata.name}']),
        kubectl.ok(['get', 'app', '-n', ns, '-o', 'json']),
        kubectl.ok(['get', 'app', '-n', ns, '-o', 'yaml']),
        kubectl.ok(['get', 'app', 'alpha', '-n', ns, '-o', 'yaml']),
      ]);
      assert.equal(names, ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((n) => `application.${GROUP}/${n}\n`).join(''));
      assert.equal(jsonpath, 'alpha bravo charlie delta echo');
      const list = JSON.parse(json);
      assert.equal(list.kind, 'List');
      assert.deepEqual(list.items.map((item: { kind: string; apiVersion: string; metadata: { name: string } }) => [item.apiVersion, item.kind, item.metadata.name]), [
        [`${GROUP}/v1`, 'Application', 'alpha'],
        [`${GROUP}/v1`, 'Application', 'bravo'],
        [`${GROUP}/v1`, 'Application', 'charlie'],
        [`${GROUP}/v1`, 'Application', 'delta'],
        [`${GROUP}/v1`, 'Application', 'echo'],
      ]);
      assert.equal(parseYaml(yaml).items.length, 5);
      const alpha = parseYaml(one);
      assert.equal(alpha.kind, 'Application');
      assert.equal(alpha.metadata.namespace, ns);
      assert.match(alpha.metadata.resourceVersion, /^\d+$/);
      assert.equal(alpha.spec.replicas, 2);
      assert.equal(alpha.status.phase, 'Running');
    });

    it('--chunk-size=2 pages through every object with continue tokens', async () => {
      const result = await kubectl.run(['get', 'app', '-n', ns, '--chunk-size=2', '-v=6']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(parseTable(result.stdout).map((row) => row.NAME), ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      const requests = result.stderr.split('\n').filter((line) => line.includes(`GET ${operator.url}${apps(ns)}?`));
      assert.equal(requests.length, 3, result.stderr);
      assert.ok(requests.slice(1).every((line) => /continue=[^&]+&limit=2 200 OK/.test(line)), requests.join('\n'));
    });
  });

  it('get -w prints new rows as applications are created and modified', async () => {
    const ns = 'watch-ns';
    await kubectl.ok(['create', '-f', file('w1.yaml', manifest('w1', { namespace: ns }))]);
    await kubectl.ok(['wait', '--for=condition=Ready', 'app/w1', '-n', ns, '--timeout=60s']);
    const watch = kubectl.start(['get', 'app', '-n', ns, '-w']);
    try {
      await watch.waitForOutput(/^NAME\s+REPLICAS\s+READY\s+PHASE\s+AGE\nw1\s+2\s/m);
      assert.equal((await http.post(apps(ns), { apiVersion: `${GROUP}/v1`, kind: 'Application', metadata: { name: 'w2' }, spec: { image: 'nginx:1.25', replicas: 2 } })).status, 201);
      await watch.waitForOutput(/^w2\s+2\s+\S*/m);
      await watch.waitForOutput(/^w2\s+2\s+2\s+Running\s+\d+s$/m);
      const patched = await http.patch(`${apps(ns)}/w2`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
      assert.equal(patched.status, 200);
      await watch.waitForOutput(/^w2\s+4\s+4\s+Running\s+\d+s$/m);
      assert.equal(headerOf(watch.stdout()).trim(), APP_HEADER, 'one header, then rows');
      assert.equal(watch.stdout().match(/^NAME/gm)?.length, 1);
    } finally {
      await watch.kill();
    }
  });

  describe('writes', () => {
    const ns = 'write-ns';
    const get = async (name: string) => (await http.get(`${apps(ns)}/${name}`)).body;

    it('apply -f (client-side): created, unchanged, configured, unchanged', async () => {
      const path = file('applied.yaml', manifest('applied', { namespace: ns }));
      assert.equal(await kubectl.ok(['apply', '-f', path]), `application.${GROUP}/applied created\n`);
      assert.equal(await kubectl.ok(['apply', '-f', path]), `application.${GROUP}/applied unchanged\n`);
      writeFileSync(path, manifest('applied', { namespace: ns, replicas: 4 }));
      assert.equal(await kubectl.ok(['apply', '-f', path]), `application.${GROUP}/applied configured\n`);
      assert.equal(await kubectl.ok(['apply', '-f', path]), `application.${GROUP}/applied unchanged\n`);
      const stored = await get('applied');
      assert.equal(stored.spec.replicas, 4);
      const lastApplied = JSON.parse(stored.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
      assert.equal(lastApplied.spec.replicas, 4);
    });

    it('apply --server-side: applied, managed fields recorded, conflicts reported', async () => {
      const path = file('ssa.yaml', manifest('ssa', { namespace: ns }));
      assert.equal(await kubectl.ok(['apply', '--server-side', '-f', path]), `application.${GROUP}/ssa serverside-applied\n`);
      assert.equal(await kubectl.ok(['apply', '--server-side', '-f', path]), `application.${GROUP}/ssa serverside-applied\n`);
      const stored = await get('ssa');
      const managers = (stored.metadata.managedFields ?? []).map((entry: { manager: string; operation: string }) => `${entry.manager}/${entry.operation}`);
      assert.ok(managers.includes('kubectl/Apply'), JSON.stringify(stored.metadata.managedFields));
      writeFileSync(path, manifest('ssa', { namespace: ns, replicas: 5 }));
      const conflict = await kubectl.run(['apply', '--server-side', '--field-manager=other', '-f', path]);
      assert.equal(conflict.code, 1);
      assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas$/m);
      assert.match(conflict.stderr, /--force-conflicts/);
      assert.equal(await kubectl.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', path]), `application.${GROUP}/ssa serverside-applied\n`);
      assert.equal((await get('ssa')).spec.replicas, 5);
    });

    it('patch --type=merge and --type=json; the default strategic patch is refused', async () => {
      await kubectl.ok(['create', '-f', file('patched.yaml', manifest('patched', { namespace: ns }))]);
      assert.equal(await kubectl.ok(['patch', 'app', 'patched', '-n', ns, '--type=merge', '-p', '{"spec":{"replicas":3}}']), `application.${GROUP}/patched patched\n`);
      assert.equal((await get('patched')).spec.replicas, 3);
      const json = '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/labels","value":{"patched":"yes"}}]';
      assert.equal(await kubectl.ok(['patch', 'app', 'patched', '-n', ns, '--type=json', '-p', json]), `application.${GROUP}/patched patched\n`);
      // Let the reconciler converge on this generation, so that nothing else writes meanwhile.
      await kubectl.ok(['wait', '--for=condition=Ready', 'app/patched', '-n', ns, '--timeout=60s']);
      const stored = await get('patched');
      assert.equal(stored.spec.replicas, 4);
      assert.equal(stored.metadata.labels.patched, 'yes');
      assert.equal(await kubectl.ok(['patch', 'app', 'patched', '-n', ns, '--type=merge', '-p', '{"spec":{"replicas":4}}']), `application.${GROUP}/patched patched (no change)\n`);
      assert.equal((await get('patched')).metadata.resourceVersion, stored.metadata.resourceVersion, 'a no-op patch leaves resourceVersion alone');
      const strategic = await kubectl.run(['patch', 'app', 'patched', '-n', ns, '-p', '{"spec":{"replicas":5}}']);
      assert.equal(strategic.code, 1);
      assert.equal(
        strategic.stderr.trim(),
        `error: application/strategic-merge-patch+json is not supported by ${GROUP}/v1, Kind=Application: ` +
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
      assert.equal((await get('patched')).spec.replicas, 4);
    });

    it('scale, with and without --current-replicas', async () => {
      await kubectl.ok(['create', '-f', file('scaled.yaml', manifest('scaled', { namespace: ns }))]);
      assert.equal(await kubectl.ok(['scale', '--replicas=5', 'app/scaled', '-n', ns]), `application.${GROUP}/scaled scaled\n`);
      assert.equal((await get('scaled')).spec.replicas, 5);
      assert.equal(await kubectl.ok(['scale', '--current-replicas=5', '--replicas=6', 'app/scaled', '-n', ns]), `application.${GROUP}/scaled scaled\n`);
      assert.equal((await get('scaled')).spec.replicas, 6);
      const stale = await kubectl.run(['scale', '--current-replicas=2', '--replicas=7', 'app/scaled', '-n', ns]);
      assert.equal(stale.code, 1);
      assert.equal(stale.stderr.trim(), 'error: Expected replicas to be 2, was 6');
      assert.equal((await get('scaled')).spec.replicas, 6);
    });

    it('label and annotate', async () => {
      await kubectl.ok(['create', '-f', file('tagged.yaml', manifest('tagged', { namespace: ns }))]);
      assert.equal(await kubectl.ok(['label', 'app', 'tagged', 'tier=web', '-n', ns]), `application.${GROUP}/tagged labeled\n`);
      assert.equal(await kubectl.ok(['annotate', 'app', 'tagged', 'note=hi', '-n', ns]), `application.${GROUP}/tagged annotated\n`);
      const overwrite = await kubectl.run(['label', 'app', 'tagged', 'tier=db', '-n', ns]);
      assert.equal(overwrite.code, 1);
      assert.equal(overwrite.stderr.trim(), "error: 'tier' already has a value (web), and --overwrite is false");
      const stored = await get('tagged');
      assert.equal(stored.metadata.labels.tier, 'web');
      assert.equal(stored.metadata.annotations.note, 'hi');
      assert.equal(await kubectl.ok(['label', 'app', 'tagged', 'tier-', '-n', ns]), `application.${GROUP}/tagged unlabeled\n`);
      assert.equal((await get('tagged')).metadata.labels.tier, undefined);
    });

    it('wait --for=condition=Ready returns once the reconciler converged', async () => {
      await kubectl.ok(['create', '-f', file('ready.yaml', manifest('ready', { namespace: ns, replicas: 3 }))]);
      assert.equal(await kubectl.ok(['wait', '--for=condition=Ready', 'app/ready', '-n', ns, '--timeout=60s']), `application.${GROUP}/ready condition met\n`);
      const stored = await get('ready');
      assert.equal(stored.status.readyReplicas, 3);
      assert.equal(stored.status.conditions.find((c: { type: string }) => c.type === 'Ready').status, 'True');
    });

    it('delete removes an application', async () => {
      await kubectl.ok(['create', '-f', file('doomed.yaml', manifest('doomed', { namespace: ns }))]);
      assert.equal(await kubectl.ok(['delete', 'app', 'doomed', '-n', ns]), `application.${GROUP} "doomed" deleted\n`);
      assert.equal((await http.get(`${apps(ns)}/doomed`)).status, 404);
      const missing = await kubectl.run(['delete', 'app', 'doomed', '-n', ns]);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr.trim(), `Error from server (NotFound): applications.${GROUP} "doomed" not found`);
    });

    it('delete --wait blocks on a finalizer held by someone else, and returns once it is removed', async () => {
      await kubectl.ok(['create', '-f', file('held.yaml', manifest('held', { namespace: ns, finalizers: ['example.com/hold'] }))]);
      await kubectl.ok(['wait', '--for=condition=Ready', 'app/held', '-n', ns, '--timeout=60s']);
      const deleting = kubectl.start(['delete', 'app', 'held', '-n', ns, '--wait=true']);
      try {
        await deleting.waitForOutput(new RegExp(`^application\\.${GROUP.replace(/\./g, '\\.')} "held" deleted$`, 'm'));
        const pending = await waitFor(async () => {
          const object = await get('held');
          return object.metadata?.deletionTimestamp && object.metadata.finalizers.join() === 'example.com/hold' ? object : undefined;
        });
        const stillRunning = await Promise.race([deleting.exited.then(() => false), delay(500).then(() => true)]);
        assert.ok(stillRunning, `kubectl returned while the finalizer was held:\n${deleting.stdout()}${deleting.stderr()}`);
        const released = await http.patch(`${apps(ns)}/held`, { metadata: { finalizers: null, resourceVersion: pending.metadata.resourceVersion } }, 'application/merge-patch+json');
        assert.equal(released.status, 200, released.text);
        const result = await deleting.exited;
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, `application.${GROUP} "held" deleted\n`);
        assert.equal((await http.get(`${apps(ns)}/held`)).status, 404);
      } finally {
        await deleting.kill();
      }
    });
  });

  it('describe shows the object and its own events only', async () => {
    const ns = 'describe-ns';
    const path = file('described.yaml', manifest('described', { namespace: ns, labels: { app: 'described' } }));
    await kubectl.ok(['create', '-f', path]);
    await kubectl.ok(['wait', '--for=condition=Ready', 'app/described', '-n', ns, '--timeout=60s']);
    await kubectl.ok(['scale', '--replicas=3', 'app/described', '-n', ns]);
    await waitFor(async () => (await http.get(`/api/v1/namespaces/${ns}/events`)).body.items.some((e: { message: string }) => /from 2 to 3/.test(e.message)));
    // A new object with the same name has a new uid: the old incarnation's events are not its own.
    await kubectl.ok(['delete', 'app', 'described', '-n', ns]);
    await kubectl.ok(['create', '-f', path]);
    await kubectl.ok(['wait', '--for=condition=Ready', 'app/described', '-n', ns, '--timeout=60s']);
    await kubectl.ok(['create', '-f', file('other.yaml', manifest('described', { namespace: 'describe-other' }))]);
    const out = await kubectl.ok(['describe', 'app', 'described', '-n', ns]);
    assert.match(out, /^Name:\s+described$/m);
    assert.match(out, new RegExp(`^Namespace:\\s+${ns}$`, 'm'));
    assert.match(out, /^Labels:\s+app=described$/m);
    assert.match(out, new RegExp(`^API Version:\\s+${GROUP.replace(/\./g, '\\.')}/v1$`, 'm'));
    assert.match(out, /^Kind:\s+Application$/m);
    assert.match(out, /^Spec:\n\s+Image:\s+nginx:1\.25\n\s+Replicas:\s+2\n/m);
    assert.match(out, /^\s+Phase:\s+Running$/m);
    const events = out.slice(out.indexOf('\nEvents:\n') + 1);
    assert.match(events, /^Events:\n  Type {4}Reason\s+Age\s+From\s+Message\n  ---- {4}------\s+----\s+----\s+-------\n/);
    assert.match(events, /^ {2}Normal\s+Created\s+\d+s\s+application-operator\s+Accepted: image nginx:1\.25, 2 replicas, strategy RollingUpdate$/m);
    assert.match(events, /^ {2}Normal\s+Reconciled\s+\d+s\s+application-operator\s+Running: 2\/2 replicas ready/m);
    assert.doesNotMatch(events, /from 2 to 3/, 'events of the deleted incarnation (another uid) are not listed');
    assert.equal(events.match(/Created/g)?.length, 1, 'events of the namesake in another namespace are not listed');
  });

  it('explain reads the schema from /openapi/v3', async () => {
    const out = await kubectl.ok(['explain', 'applications.spec.replicas']);
    assert.match(out, /^GROUP:\s+cloudnative\.elide\.dev$/m);
    assert.match(out, /^KIND:\s+Application$/m);
    assert.match(out, /^VERSION:\s+v1$/m);
    assert.match(out, /^FIELD:\s+replicas <integer>$/m);
    assert.match(out, /^DESCRIPTION:\n {4}Desired number of running instances/m);
    const spec = await kubectl.ok(['explain', 'app.spec']);
    assert.match(spec, /^FIELD:\s+spec <Object>$/m);
    assert.match(spec, /^ {2}image\t<string> -required-$/m);
    assert.match(spec, /^ {2}replicas\t<integer>$/m);
  });

  describe('built-in resources', () => {
    it('get crd, and wait for it to be Established', async () => {
      assert.equal(
        await kubectl.ok(['wait', '--for', 'condition=established', '--timeout=30s', `crd/applications.${GROUP}`]),
        `customresourcedefinition.apiextensions.k8s.io/applications.${GROUP} condition met\n`,
      );
      const out = await kubectl.ok(['get', 'crd']);
      assert.match(headerOf(out), /^NAME\s+CREATED AT$/);
      const rows = parseTable(out);
      const crd = rows.find((row) => row.NAME === `applications.${GROUP}`);
      assert.ok(crd, out);
      assert.match(crd['CREATED AT'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('get leases shows the leader as HOLDER', async () => {
      const lease = await waitFor(async () => {
        const out = await kubectl.ok(['get', 'leases']);
        return out.includes('operator-e2e-0') ? out : undefined;
      });
      assert.match(headerOf(lease), /^NAME\s+HOLDER\s+AGE$/);
      const [row] = parseTable(lease).filter((r) => r.NAME === 'application-operator');
      assert.equal(row.HOLDER, 'operator-e2e-0');
      assert.match(row.AGE, RECENT_AGE);
    });

    it('get events prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', async () => {
      const ns = 'events-ns';
      await kubectl.ok(['create', '-f', file('evented.yaml', manifest('evented', { namespace: ns }))]);
      await kubectl.ok(['wait', '--for=condition=Ready', 'app/evented', '-n', ns, '--timeout=60s']);
      const out = await kubectl.ok(['get', 'events', '-n', ns]);
      assert.match(headerOf(out), /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
      const rows = parseTable(out);
      const created = rows.find((row) => row.REASON === 'Created');
      assert.ok(created, out);
      assert.match(created['LAST SEEN'], RECENT_AGE);
      assert.deepEqual({ ...created, 'LAST SEEN': '' }, {
        'LAST SEEN': '',
        TYPE: 'Normal',
        REASON: 'Created',
        OBJECT: 'application/evented',
        MESSAGE: 'Accepted: image nginx:1.25, 2 replicas, strategy RollingUpdate',
      });
      assert.ok(rows.every((row) => row.OBJECT === 'application/evented'), out);
      const selected = await kubectl.ok(['get', 'events', '-n', ns, '--field-selector', 'reason=Reconciled', '-o', 'name']);
      assert.ok(selected.trim().split('\n').every((line) => line.startsWith('event/evented.')), selected);
    });

    it('apply -f a Namespace, and get ns lists the namespaces in use', async () => {
      const namespace = file('namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: declared-ns\n');
      assert.equal(await kubectl.ok(['apply', '-f', namespace]), 'namespace/declared-ns created\n');
      assert.equal(await kubectl.ok(['apply', '-f', namespace]), 'namespace/declared-ns unchanged\n');
      const out = await kubectl.ok(['get', 'ns']);
      assert.equal(headerOf(out).replace(/\s+/g, ' '), 'NAME STATUS AGE');
      const rows = new Map(parseTable(out).map((row) => [row.NAME, row]));
      for (const name of ['default', 'get-ns', 'write-ns', 'declared-ns']) {
        assert.equal(rows.get(name)?.STATUS, 'Active', out);
        assert.match(rows.get(name)!.AGE, /^\d+s$|^\d+m\d*s?$/);
      }
    });

    it('create configmap (a protobuf body) from literals and a binary file', async () => {
      const blob = file('blob.bin', '');
      writeFileSync(blob, Buffer.from([0xff, 0x00, 0x01, 0x02]));
      assert.equal(await kubectl.ok(['create', 'configmap', 'settings', '-n', 'write-ns', '--from-literal=COLOR=blue', `--from-file=blob=${blob}`]), 'configmap/settings created\n');
      const stored = JSON.parse(await kubectl.ok(['get', 'configmap', 'settings', '-n', 'write-ns', '-o', 'json']));
      assert.deepEqual([stored.data, stored.binaryData], [{ COLOR: 'blue' }, { blob: '/wABAg==' }]);
    });
  });
});

