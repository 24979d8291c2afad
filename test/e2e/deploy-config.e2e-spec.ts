import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeFile, dockerfile, imageCommand, imageEnvironment, OPERATOR_SERVICES, repoFile, ROOT, run, runtimeStage, serviceEnvironment } from './deploy-support.js';

/**
 * The deployment files checked without a Docker engine: the compose file validates and
 * describes the documented topology, Prometheus's config and rules pass promtool (including
 * the rules' unit tests), Grafana's provisioning points at what the compose file mounts, and
 * the Dockerfile follows the image rules. (hadolint is in neither the npm registry nor Debian,
 * so the Dockerfile rules it would enforce that matter here are asserted below.)
 */
describe('Deployment files (e2e)', () => {
  const compose = composeFile();
  const services = compose.services as Record<string, any>;

  describe('docker-compose.yml', () => {
    it('validates with docker-compose config -q', async () => {
      const { code, output } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q']);
      assert.equal(code, 0, output);
      assert.equal(output.trim(), '', 'no warnings either');
      assert.equal(compose.version, undefined, 'no obsolete top-level version key');
    });

    it('runs three operator replicas with distinct POD_NAMEs, leader election on, sharing one data volume', () => {
      const volume = 'operator-data';
      assert.ok(volume in compose.volumes, 'a named volume');
      const environments = OPERATOR_SERVICES.map((name) => serviceEnvironment(services[name]));
      for (const [index, name] of OPERATOR_SERVICES.entries()) {
        const service = services[name];
        const env = environments[index];
        assert.equal(service.build, '.', `${name} builds the repository's Dockerfile`);
        assert.equal(env.POD_NAME, name);
        assert.equal(env.ENABLE_LEADER_ELECTION, 'true');
        assert.notEqual(env.STORAGE, 'memory');
        assert.deepEqual(service.volumes, [`${volume}:${env.DATA_DIR}`], `${name} keeps DATA_DIR on the shared volume`);
        assert.equal(service.read_only, true, `${name} has a read-only root filesystem`);
        assert.deepEqual(service.tmpfs, ['/tmp']);
        assert.equal(service.restart, 'unless-stopped');
        assert.equal(service.healthcheck.test[0], 'CMD');
        assert.match(service.healthcheck.test.join(' '), /\/healthz/);
        const { POD_NAME: _pod, ...shared } = env;
        const { POD_NAME: _first, ...firstShared } = environments[0];
        assert.deepEqual(shared, firstShared, `${name} differs from operator-1 only in POD_NAME`);
      }
      assert.equal(environments[0].DATA_DIR, imageEnvironment().DATA_DIR, 'the volume sits where the image keeps its data');
    });

    it('publishes the API of operator-1 on 3000 and the others on 3001 and 3002; no host port twice', () => {
      const published = (name: string) => (services[name].ports ?? []).map((port: string) => port.split(':').map(Number));
      assert.deepEqual(OPERATOR_SERVICES.map((name) => published(name).find(([, target]: number[]) => target === 3000)?.[0]), [3000, 3001, 3002]);
      const hostPorts = Object.keys(services).flatMap((name) => published(name).map(([host]: number[]) => host));
      assert.equal(new Set(hostPorts).size, hostPorts.length, `host ports: ${hostPorts.join(', ')}`);
      assert.ok(hostPorts.includes(9090) && hostPorts.includes(3003), 'Prometheus on 9090, Grafana on 3003');
    });

    it('mounts the committed Prometheus and Grafana configuration where the images read it', () => {
      assert.ok(services.prometheus.volumes.includes('./deploy/prometheus:/etc/prometheus:ro'));
      const grafana = services.grafana;
      assert.ok(grafana.volumes.includes('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro'));
      const dashboards = grafana.volumes.find((v: string) => v.startsWith('./deploy/grafana/dashboards:')).split(':')[1];
      const provider = parse(repoFile('deploy/grafana/provisioning/dashboards/application-operator.yml')).providers[0];
      assert.equal(provider.options.path, dashboards, 'the dashboard provider reads the mounted directory');
      const home = serviceEnvironment(grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
      assert.ok(home.startsWith(`${dashboards}/`) && existsSync(join(ROOT, 'deploy/grafana/dashboards', home.slice(dashboards.length + 1))), home);
      const datasource = parse(repoFile('deploy/grafana/provisioning/datasources/prometheus.yml')).datasources[0];
      assert.equal(datasource.url, 'http://prometheus:9090', 'the datasource is the compose service');
      assert.ok(services.prometheus.ports.includes('9090:9090'));
    });
  });

  describe('Prometheus', () => {
    it('passes promtool check config (which also finds the rule files)', async () => {
      const { code, output } = await run('promtool', ['check', 'config', 'deploy/prometheus/prometheus.yml']);
      assert.equal(code, 0, output);
      assert.match(output, /SUCCESS: 1 rule files found/);
    });

    it('passes promtool check rules', async () => {
      const { code, output } = await run('promtool', ['check', 'rules', 'deploy/prometheus/operator.rules.yml']);
      assert.equal(code, 0, output);
      assert.match(output, /SUCCESS: 6 rules found/);
    });

    it('fires each alert when it should and not otherwise (promtool test rules)', async () => {
      const { code, output } = await run('promtool', ['test', 'rules', 'deploy/prometheus/operator.rules.test.yml']);
      assert.equal(code, 0, output);
      assert.match(output, /SUCCESS/);
    });

    it('scrapes /metrics of every operator replica on its container port', () => {
      const config = parse(repoFile('deploy/prometheus/prometheus.yml'));
      const job = config.scrape_configs.find((c: any) => c.job_name === 'application-operator');
      assert.equal(job.metrics_path, '/metrics');
      const expected = OPERATOR_SERVICES.map((name) => `${name}:${serviceEnvironment(services[name]).PORT}`);
      assert.deepEqual(job.static_configs.flatMap((c: any) => c.targets), expected);
    });

    it('has the alerts the stack promises: no leader, reconcile errors, queue growth, webhook denials', () => {
      const rules = parse(repoFile('deploy/prometheus/operator.rules.yml')).groups.flatMap((g: any) => g.rules);
      const exprOf = (alert: string) => rules.find((r: any) => r.alert === alert)?.expr as string;
      assert.match(exprOf('OperatorNoLeader'), /max\(leader_election_master_status\) < 1 or absent\(leader_election_master_status\)/);
      assert.match(exprOf('OperatorReconcileErrorsRising'), /rate\(controller_runtime_reconcile_errors_total\[/);
      assert.match(exprOf('OperatorWorkQueueGrowing'), /workqueue_depth/);
      assert.match(exprOf('OperatorWebhookDenialsSpiking'), /webhook_requests_total\{allowed="false"\}/);
      for (const rule of rules) assert.ok(rule.labels.severity && rule.annotations.summary && rule.for, `${rule.alert} has severity, summary, for`);
    });
  });

  describe('Grafana', () => {
    const dashboard = JSON.parse(repoFile('deploy/grafana/dashboards/application-operator.json'));
    const panels = (dashboard.panels as any[]).filter((panel) => panel.type !== 'row');

    it('queries the provisioned datasource from every panel and target', () => {
      const uid = parse(repoFile('deploy/grafana/provisioning/datasources/prometheus.yml')).datasources[0].uid;
      assert.ok(panels.length >= 10);
      for (const panel of panels) {
        assert.equal(panel.datasource.uid, uid, panel.title);
        assert.ok(panel.targets.length > 0, panel.title);
        for (const target of panel.targets) assert.equal(target.datasource.uid, uid, `${panel.title} ${target.refId}`);
      }
      assert.equal(dashboard.templating.list[0].datasource.uid, uid);
    });

    it('lays panels out on the 24-column grid without overlaps, with unique ids', () => {
      const ids = (dashboard.panels as any[]).map((panel) => panel.id);
      assert.equal(new Set(ids).size, ids.length);
      const cells = new Set<string>();
      for (const { gridPos: g, title } of dashboard.panels as any[]) {
        assert.ok(g.x >= 0 && g.w > 0 && g.x + g.w <= 24, title);
        for (let x = g.x; x < g.x + g.w; x++) {
          for (let y = g.y; y < g.y + g.h; y++) {
            assert.ok(!cells.has(`${x},${y}`), `${title} overlaps another panel at ${x},${y}`);
            cells.add(`${x},${y}`);
          }
        }
      }
    });

    it('shows what the stack promises', () => {
      const exprs = panels.flatMap((panel) => panel.targets.map((t: any) => t.expr as string));
      const has = (pattern: RegExp) => assert.ok(exprs.some((expr) => pattern.test(expr)), String(pattern));
      has(/sum by \(result\) \(rate\(controller_reconcile_total/);
      for (const q of ['0.5', '0.9', '0.99']) has(new RegExp(`histogram_quantile\\(${q}, sum by \\(le, result\\) \\(rate\\(controller_reconcile_duration_seconds_bucket`));
      has(/workqueue_depth/);
      has(/rate\(workqueue_retries_total/);
      has(/max by \(instance\) \(leader_election_master_status/);
      has(/sum by \(severity\) \(rate\(event_total/);
      has(/webhook_requests_total\{[^}]*allowed="false"/);
      has(/watch_clients/);
      has(/histogram_quantile\(0.99, sum by \(le\) \(rate\(http_request_duration_seconds_bucket/);
    });
  });

  describe('Dockerfile', () => {
    const instructions = dockerfile();
    const runtime = runtimeStage();
    const of = (keyword: string, list = runtime) => list.filter((i) => i.keyword === keyword).map((i) => i.args);

    it('builds on the full Node.js LTS image and runs on its slim variant, tags pinned', () => {
      const nodeVersion = /^NODE_VERSION=(\d+)$/.exec(instructions.find((i) => i.keyword === 'ARG')!.args)![1];
      assert.ok(Number(nodeVersion) % 2 === 0 && Number(nodeVersion) >= 22, `Node.js ${nodeVersion} is an LTS line`);
      const froms = of('FROM', instructions);
      assert.deepEqual(froms, ['node:${NODE_VERSION}-bookworm AS build', 'node:${NODE_VERSION}-bookworm-slim AS runtime']);
      assert.ok(froms.every((from) => !/:latest\b/.test(from)));
    });

    it('compiles better-sqlite3 with the toolchain, then keeps only production dependencies', () => {
      const build = instructions.filter((i) => i.stage === 0 && i.keyword === 'RUN').map((i) => i.args).join('\n');
      assert.match(build, /apt-get install -y --no-install-recommends python3 make g\+\+ && rm -rf \/var\/lib\/apt\/lists\/\*/);
      assert.match(build, /npm ci --ignore-scripts/);
      assert.match(build, /npm run build-release --prefix node_modules\/better-sqlite3/);
      assert.match(build, /npm run build && npm prune --omit=dev/);
      assert.deepEqual(of('COPY'), ['--from=build /app/package.json /app/package-lock.json ./', '--from=build /app/node_modules ./node_modules', '--from=build /app/dist ./dist']);
    });

    it('runs as the non-root node user with data in /data, probes /healthz, stops on SIGTERM', () => {
      assert.deepEqual(of('USER'), ['node']);
      assert.equal(runtime.at(-1)!.keyword, 'CMD');
      assert.deepEqual(imageCommand(), ['node', 'dist/apps/operator/src/main.js']);
      assert.ok(existsSync(join(ROOT, imageCommand()[1])), 'the CMD names the compiled entry point');
      assert.deepEqual(of('VOLUME'), ['["/data"]']);
      assert.deepEqual(of('EXPOSE'), ['3000 9443']);
      assert.deepEqual(of('STOPSIGNAL'), ['SIGTERM']);
      assert.match(of('HEALTHCHECK')[0], /^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD \["node", "-e", .*\/healthz/);
      const env = imageEnvironment();
      assert.equal(env.NODE_ENV, 'production');
      assert.equal(env.DATA_DIR, '/data');
      assert.match(of('RUN').join('\n'), /chown node:node \/data/);
      assert.ok(of('WORKDIR', instructions).every((dir) => dir.startsWith('/')), 'absolute WORKDIRs');
      assert.ok(of('RUN', instructions).every((command) => !/(^|&&|;)\s*cd\s/.test(command)), 'no cd in RUN: WORKDIR instead');
    });

    it('.dockerignore keeps local state and build output out of the context, and the sources in', () => {
      const patterns = repoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      for (const excluded of ['node_modules', 'dist', 'data', '.git', '.tmp', '*.db', '**/*.spec.ts']) assert.ok(patterns.includes(excluded), excluded);
      const sources = of('COPY', instructions).filter((args) => !args.startsWith('--from')).flatMap((args) => args.split(' ').slice(0, -1));
      assert.deepEqual(sources, ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'libs', 'apps']);
      for (const source of sources) {
        assert.ok(existsSync(join(ROOT, source)), source);
        assert.ok(!patterns.some((p) => !p.startsWith('!') && (p === source || p === `${source.split('/')[0]}`)), `${source} is in the context`);
      }
    });
  });
});
