import { fieldCause, KubeObject, labelSelectorFromMeta, MetaLabelSelector, StatusCause } from '@app/api-machinery';
import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { PrinterColumn, ResourceDefinition, SchemaCheck } from '../definition/resource-definition.js';
import { isPlainObject } from '../schema/json-schema.js';
import { AGE_COLUMN, builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';
import { deploymentConditionsSchema, labelSelectorSchema, podTemplateSchema } from './workload-schemas.js';

/**
 * `apps/v1` Deployment, served so the standalone operator can stand in for a cluster (cluster
 * mode's KubernetesWorkloadDriver writes them). Only the API object: nothing here creates pods.
 * As kube-apiserver: status and scale subresources, defaults (replicas 1, RollingUpdate 25%/25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600), and the checks every controller relies
 * on (a non-empty selector matching the template labels, at least one container, no rollingUpdate
 * with Recreate). The scale subresource reports no `status.selector`: kube derives it from
 * `.spec.selector`, which a scale path cannot express.
 */
export function deploymentsDefinition(): ResourceDefinition {
  const definition = builtinDefinition({
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    shortNames: ['deploy'],
    categories: ['all'],
    scope: 'Namespaced',
    status: true,
    schema: deploymentSchema(),
    printerColumns: DEPLOYMENT_COLUMNS,
    cells: deploymentCells,
    afterSchema: deploymentChecks,
  });
  definition.versions[0].subresources.scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };
  return definition;
}

function deploymentSchema(): JsonSchemaProps {
  const count = (description: string): JsonSchemaProps => field.int32(description);
  return field.object('Deployment enables declarative updates for Pods and ReplicaSets.', {
    ...typeMetaProperties(),
    spec: field.object('Specification of the desired behavior of the Deployment.', {
      replicas: { ...count('Number of desired pods. Defaults to 1.'), default: 1, minimum: 0 },
      selector: labelSelectorSchema('Label selector for pods. It must match the pod template\'s labels.'),
      template: podTemplateSchema(),
      strategy: field.object('The deployment strategy to use to replace existing pods with new ones.', {
        type: field.string('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.', { enum: ['Recreate', 'RollingUpdate'], default: 'RollingUpdate' }),
        rollingUpdate: field.object('Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.', {
          maxUnavailable: { 'x-kubernetes-int-or-string': true, description: 'The maximum number of pods that can be unavailable during the update.' },
          maxSurge: { 'x-kubernetes-int-or-string': true, description: 'The maximum number of pods that can be scheduled above the desired number of pods.' },
        }),
      }, { default: { type: 'RollingUpdate' } }),
      minReadySeconds: count('Minimum number of seconds for which a newly created pod should be ready.'),
      revisionHistoryLimit: { ...count('The number of old ReplicaSets to retain to allow rollback.'), default: 10 },
      paused: { type: 'boolean', description: 'Indicates that the deployment is paused.' },
      progressDeadlineSeconds: { ...count('The maximum time in seconds for a deployment to make progress before it is considered to be failed.'), default: 600 },
    }, { required: ['selector', 'template'] }),
    status: field.object('Most recently observed status of the Deployment.', {
      observedGeneration: { type: 'integer', format: 'int64', description: 'The generation observed by the deployment controller.' },
      replicas: count('Total number of non-terminated pods targeted by this deployment (their labels match the selector).'),
      updatedReplicas: count('Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      readyReplicas: count('Total number of non-terminated pods targeted by this Deployment with a Ready Condition.'),
      availableReplicas: count('Total number of available non-terminated pods (ready for at least minReadySeconds) targeted by this deployment.'),
      unavailableReplicas: count('Total number of unavailable pods targeted by this deployment.'),
      terminatingReplicas: count('Total number of terminating pods targeted by this deployment.'),
      conditions: deploymentConditionsSchema(),
      collisionCount: count('Count of hash collisions for the Deployment.'),
    }),
  });
}

/** kube's Deployment printer: READY is `ready/desired`; wide adds containers, images and the selector. */
const DEPLOYMENT_COLUMNS: PrinterColumn[] = [
  { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', jsonPath: '.status.readyReplicas' },
  { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', jsonPath: '.status.updatedReplicas' },
  { name: 'Available', type: 'string', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', jsonPath: '.status.availableReplicas' },
  AGE_COLUMN,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.', jsonPath: '.spec.template.spec.containers[*].name' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.', jsonPath: '.spec.template.spec.containers[*].image' },
  { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', jsonPath: '.spec.selector' },
];

export function deploymentCells(deployment: KubeObject): unknown[] {
  const spec = record(deployment.spec);
  const status = record(deployment.status);
  const containers = Array.isArray(record(record(spec.template).spec).containers) ? (record(record(spec.template).spec).containers as unknown[]).map(record) : [];
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return [
    `${count(status.readyReplicas)}/${count(spec.replicas)}`,
    count(status.updatedReplicas),
    count(status.availableReplicas),
    deployment.metadata?.creationTimestamp,
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image).join(','),
    selectorText(spec.selector),
  ];
}

function deploymentChecks(object: KubeObject, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  const spec = record(object.spec);
  const causes: StatusCause[] = [...selectorCauses(spec), ...strategyCauses(spec)];
  const containers = record(record(spec.template).spec).containers;
  if (!Array.isArray(containers) || containers.length === 0) causes.push(fieldCause.required('spec.template.spec.containers'));
  return { unknownFields: check.unknownFields, causes };
}

function selectorCauses(spec: Record<string, unknown>): StatusCause[] {
  const selector = spec.selector as MetaLabelSelector;
  let parsed;
  try {
    parsed = labelSelectorFromMeta(selector);
  } catch (error) {
    return [fieldCause.invalid('spec.selector', selector, (error as Error).message)];
  }
  if (parsed.empty) return [fieldCause.invalid('spec.selector', selector, 'empty selector is invalid for deployment')];
  const labels = record(record(spec.template).metadata).labels as Record<string, string> | undefined;
  if (!parsed.matches(labels ?? {})) return [fieldCause.invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`')];
  return [];
}

/** Defaults rollingUpdate for RollingUpdate (kube's SetDefaults_Deployment); forbids it with Recreate. */
function strategyCauses(spec: Record<string, unknown>): StatusCause[] {
  const strategy = record(spec.strategy);
  if (strategy.type === 'Recreate') {
    return strategy.rollingUpdate === undefined ? [] : [fieldCause.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")];
  }
  const rollingUpdate = record(strategy.rollingUpdate);
  spec.strategy = { ...strategy, rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%', ...rollingUpdate } };
  return [];
}

function selectorText(selector: unknown): string {
  try {
    return isPlainObject(selector) ? labelSelectorFromMeta(selector as MetaLabelSelector).toString() : '';
  } catch {
    return '';
  }
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
