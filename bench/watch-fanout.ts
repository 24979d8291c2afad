/**
 * `node dist/bench/watch-fanout.js` (after `npm run build`): the resource watch layer alone, in
 * process, without HTTP. BENCH_CLIENTS `ResourceService.watch` subscriptions (spread over
 * BENCH_K8S_VERSIONS, default `v1,v1beta1`) on an in-memory store follow BENCH_WRITES creates;
 * the CPU of the creates with watchers, minus the same creates without any (the raw baseline,
 * measured first in the same run), divided by the events delivered, is the watch layer's cost
 * per event: store watch, decode, conversion, selectors, event objects.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { KubeObject } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { RequestScope, ResourceService } from '@app/resources';
import { SqliteStore } from '@app/storage';
import { envNumber, round, table } from './support.js';

const clients = envNumber('BENCH_CLIENTS', 1000);
const writes = envNumber('BENCH_WRITES', 300);
const versions = (process.env.BENCH_K8S_VERSIONS ?? 'v1,v1beta1').split(',').map((version) => version.trim()).filter(Boolean);

const application = (name: string) => ({
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name, labels: { tier: 'web' }, annotations: { note: 'x'.repeat(200) } },
  spec: { image: 'nginx:1.25', replicas: 3 },
});

/** CPU microseconds (user + system) spent by `run`. */
async function cpuMicros(run: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

async function main(): Promise<void> {
  const store = new SqliteStore({ path: ':memory:', compaction: { intervalMs: 0 } });
  await store.open();
  const registry = new CrdRegistry();
  registry.registerDefaults();
  const resources = new ResourceService(store, registry);
  const scope = (version: string): RequestScope => resources.scope({ group: 'cloudnative.elide.dev', version, resource: 'applications' }, 'bench');
  const createAll = (prefix: string) => async () => {
    for (let i = 0; i < writes; i++) await resources.create(scope('v1'), application(`${prefix}-${i}`));
  };
  await createAll('warm')();
  const alone = await cpuMicros(createAll('alone'));
  const resourceVersion = String(await store.currentRevision());
  let delivered = 0;
  const subscriptions = Array.from({ length: clients }, (_, i) =>
    resources.watch(scope(versions[i % versions.length]), { resourceVersion }).subscribe((event) => {
      if ((event.object as KubeObject).metadata?.resourceVersion) delivered++;
    }),
  );
  const watched = await cpuMicros(createAll('watched'));
  subscriptions.forEach((subscription) => subscription.unsubscribe());
  await store.close();
  registry.onModuleDestroy();
  const perEvent = (watched - alone) / delivered;
  console.log(table(
    ['watchers', 'versions', 'writes', 'delivered / expected', 'write alone µs', 'write with watchers µs', 'watch µs/event'],
    [[clients, versions.join(','), writes, `${delivered} / ${clients * writes}`, round(alone / writes, 1), round(watched / writes, 1), round(perEvent, 3)]],
  ));
  console.log('\n' + JSON.stringify({ bench: 'watch-fanout', clients, writes, versions, node: process.version, loadAverage: loadavg().map((value) => round(value, 2)), delivered, writeAloneUs: round(alone / writes, 1), writeWatchedUs: round(watched / writes, 1), watchUsPerEvent: round(perEvent, 3) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
