import { Api, application, appsPath, NoReply, Reply } from '../../support/api.js';
import { Random } from '../../support/random.js';
import { Latencies } from '../../support/stats.js';

export const SOAK_NAMESPACE = 'soak';

/** Tallies of the mixed workload, read and reset by the sampler. */
export class WorkloadStats {
  readonly latencies = new Latencies();
  operations = 0;
  serverErrors = 0;
  noReply = 0;
  readonly byOperation: Record<string, number> = {};
  readonly lastServerErrors: string[] = [];
  readonly noReplyCauses: string[] = [];

  record(op: string, reply: Reply): void {
    this.operations++;
    this.byOperation[op] = (this.byOperation[op] ?? 0) + 1;
    if (reply.status >= 500) {
      this.serverErrors++;
      this.lastServerErrors.splice(0, this.lastServerErrors.length - 4, `${op} ${reply.status} ${reply.text.slice(0, 200)}`);
    }
  }
}

const OPERATIONS = ['create', 'update', 'update', 'update', 'delete', 'get', 'list', 'validate', 'mutate', 'events'] as const;

/**
 * One loop of the soak's mixed workload over a fixed pool of Application names (so the live
 * data stays bounded while the history grows): creates, merge-patch updates with a payload,
 * deletes, gets, lists, admission webhook calls and event queries, each timed.
 */
export async function workloadLoop(api: Api, random: Random, pool: number, stats: WorkloadStats, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const op = random.pick(OPERATIONS);
    const name = `soak-${random.int(0, pool - 1)}`;
    try {
      const reply = await stats.latencies.time(() => send(api, random, op, name));
      stats.record(op, reply);
    } catch (error) {
      if (!(error instanceof NoReply)) throw error;
      stats.noReply++;
      stats.noReplyCauses.splice(0, stats.noReplyCauses.length - 2, `${op}: ${error.message}`);
    }
  }
}

function send(api: Api, random: Random, op: (typeof OPERATIONS)[number], name: string): Promise<Reply> {
  const path = appsPath(SOAK_NAMESPACE, name);
  switch (op) {
    case 'create':
      return api.post(appsPath(SOAK_NAMESPACE), application(name, { replicas: random.int(0, 3) }, { labels: { tier: random.pick(['web', 'api', 'batch']) } }));
    case 'update':
      return api.patch(path, { metadata: { annotations: { 'robustness/payload': random.word(random.int(100, 4000)) } }, spec: { replicas: random.int(0, 3), image: `nginx:1.${random.int(20, 27)}` } });
    case 'delete':
      return api.delete(path);
    case 'get':
      return api.get(path);
    case 'list':
      return api.get(`${appsPath(SOAK_NAMESPACE)}?labelSelector=tier%3D${random.pick(['web', 'api', 'batch'])}`);
    case 'validate':
    case 'mutate':
      return api.post(`/${op}`, review(name, random));
    case 'events':
      return api.get(`/events?namespace=${SOAK_NAMESPACE}&limit=50`);
  }
}

function review(name: string, random: Random) {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `${name}-${random.word(8)}`,
      kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' },
      resource: { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' },
      namespace: SOAK_NAMESPACE,
      name,
      operation: 'CREATE',
      userInfo: { username: 'soak' },
      object: application(name, { replicas: random.int(0, 12) }),
    },
  };
}
