import { CrdRegistry } from '@app/crd';
import { SqliteStore } from '@app/storage';
import { ResourceService } from '../service/resource.service.js';
import { RequestScope } from '../service/request-scope.js';

/** A ResourceService over a private in-memory store with the default resources. Test helper. */
export interface ResourceHarness {
  store: SqliteStore;
  registry: CrdRegistry;
  resources: ResourceService;
  apps(namespace: string): RequestScope;
  namespaces(): RequestScope;
  close(): Promise<void>;
}

export async function openResourceHarness(): Promise<ResourceHarness> {
  const store = new SqliteStore({ path: ':memory:', pollIntervalMs: 20, compaction: { intervalMs: 0 } });
  await store.open();
  const registry = new CrdRegistry();
  registry.registerDefaults();
  const resources = new ResourceService(store, registry);
  return {
    store,
    registry,
    resources,
    apps: (namespace) => resources.scope({ group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' }, namespace),
    namespaces: () => resources.scope({ group: '', version: 'v1', resource: 'namespaces' }),
    close: async () => {
      registry.onModuleDestroy();
      await store.close();
    },
  };
}

export function app(name: string, metadata: Record<string, unknown> = {}) {
  return { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name, ...metadata }, spec: { image: 'nginx:1.25', replicas: 1 } };
}
