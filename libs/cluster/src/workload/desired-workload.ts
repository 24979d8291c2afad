import { createHash } from 'node:crypto';
import { KubeObject, OwnerReference } from '@app/api-machinery';
import { Application, APPLICATION_KIND, APPLICATION_RESOURCE, desiredReplicas, INSTANCE_LABEL } from '@app/reconciler';
import { APPLIED_HASH_ANNOTATION, CONFIG_HASH_ANNOTATION, MANAGED_BY_LABEL } from '../cluster.constants.js';
import { CONTAINER_NAME, MANAGED_BY_VALUE } from './workload.resources.js';

/** The apply configurations of an Application's workload: its ConfigMap and its Deployment. */
export interface DesiredWorkload {
  configMap: KubeObject;
  deployment: KubeObject;
}

/**
 * What an Application owns in a cluster, as server-side apply configurations (only the fields
 * this operator manages): a ConfigMap holding `spec.config` and an apps/v1 Deployment of the
 * same name and namespace running `spec.image` with `spec.replicas`, `spec.strategy`,
 * `spec.port` and `spec.resources`, its container reading the ConfigMap through `envFrom`.
 * Both carry a controller ownerReference (garbage collection deletes them with the Application)
 * and an annotation hashing the configuration itself, so an unchanged configuration is not
 * re-applied. The pod template carries a hash of `spec.config`: a config change rolls the pods.
 * A RollingUpdate strategy spells out its parameters so a switch to Recreate removes them (kube
 * refuses rollingUpdate with Recreate). Pure and deterministic.
 */
export function desiredWorkload(app: Application): DesiredWorkload {
  const { name = '', namespace = '' } = app.metadata ?? {};
  const labels = { [INSTANCE_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  const metadata = { name, namespace, labels, ownerReferences: [controllerReference(app)] };
  const config = sortedEntries(app.spec.config ?? {});
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: Object.fromEntries(config) };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: desiredReplicas(app),
      selector: { matchLabels: { [INSTANCE_LABEL]: name } },
      strategy: app.spec.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels, annotations: { [CONFIG_HASH_ANNOTATION]: hashOf(config) } },
        spec: { containers: [container(app, name)] },
      },
    },
  };
  return { configMap: withAppliedHash(configMap), deployment: withAppliedHash(deployment) };
}

/** The ownerReference every owned object carries: this Application, as its controller. */
export function controllerReference(app: Application): OwnerReference {
  return {
    apiVersion: `${APPLICATION_RESOURCE.group}/${APPLICATION_RESOURCE.version}`,
    kind: APPLICATION_KIND,
    name: app.metadata?.name ?? '',
    uid: app.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function container(app: Application, configMapName: string): Record<string, unknown> {
  const resources = app.spec.resources as { requests?: Record<string, string>; limits?: Record<string, string> } | undefined;
  const port = typeof app.spec.port === 'number' ? app.spec.port : undefined;
  return {
    name: CONTAINER_NAME,
    image: app.spec.image,
    envFrom: [{ configMapRef: { name: configMapName } }],
    ...(port ? { ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] } : {}),
    ...(resources && (resources.requests || resources.limits) ? { resources: { ...resources } } : {}),
  };
}

function withAppliedHash<T extends KubeObject>(object: T): T {
  const metadata = object.metadata ?? {};
  return { ...object, metadata: { ...metadata, annotations: { ...metadata.annotations, [APPLIED_HASH_ANNOTATION]: hashOf(object) } } };
}

function sortedEntries(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A short, stable hash of a JSON value (object keys sorted). */
export function hashOf(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
