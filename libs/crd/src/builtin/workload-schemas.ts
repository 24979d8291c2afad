import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { field } from './builtin-definition.js';

/**
 * Schema pieces shared by workload built-ins (apps/v1 Deployment). They declare what server-side
 * apply needs to merge like kube-apiserver (list types and map keys of containers, env, ports,
 * volumes, conditions) and keep every other field (`x-kubernetes-preserve-unknown-fields`), so a
 * full PodSpec round-trips without being spelled out here.
 */
const preserved = (description: string, properties: Record<string, JsonSchemaProps> = {}): JsonSchemaProps => ({
  type: 'object',
  description,
  properties,
  'x-kubernetes-preserve-unknown-fields': true,
});

const stringMap = (description: string): JsonSchemaProps => ({ type: 'object', description, additionalProperties: field.string('A value.') });

/** A list whose items merge by `keys` (kube's `+listType=map`). */
const keyedList = (description: string, keys: string[], items: JsonSchemaProps): JsonSchemaProps => ({
  type: 'array',
  description,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': keys,
  items: { ...items, required: keys },
});

/** meta/v1 LabelSelector. */
export function labelSelectorSchema(description: string): JsonSchemaProps {
  return {
    type: 'object',
    description,
    'x-kubernetes-map-type': 'atomic',
    properties: {
      matchLabels: stringMap('matchLabels is a map of {key,value} pairs.'),
      matchExpressions: {
        type: 'array',
        description: 'matchExpressions is a list of label selector requirements. The requirements are ANDed.',
        items: field.object('A label selector requirement.', {
          key: field.string('key is the label key that the selector applies to.'),
          operator: field.string("operator represents a key's relationship to a set of values.", { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
          values: { type: 'array', description: 'values is an array of string values.', items: field.string('A value.') },
        }, { required: ['key', 'operator'] }),
      },
    },
  };
}

function containerSchema(): JsonSchemaProps {
  return preserved('A single application container that you want to run within a pod.', {
    name: field.string('Name of the container specified as a DNS_LABEL.'),
    image: field.string('Container image name.'),
    env: keyedList('List of environment variables to set in the container.', ['name'], preserved('EnvVar represents an environment variable present in a Container.', {
      name: field.string('Name of the environment variable.'),
      value: field.string('Variable references $(VAR_NAME) are expanded using the previously defined environment variables.'),
    })),
    envFrom: { type: 'array', description: 'List of sources to populate environment variables in the container.', items: preserved('EnvFromSource represents the source of a set of ConfigMaps or Secrets.') },
    ports: keyedList('List of ports to expose from the container.', ['containerPort', 'protocol'], preserved('ContainerPort represents a network port in a single container.', {
      containerPort: field.int32('Number of port to expose on the pod\'s IP address.'),
      protocol: field.string('Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".', { default: 'TCP' }),
      name: field.string('Name of the port.'),
    })),
    volumeMounts: keyedList('Pod volumes to mount into the container\'s filesystem.', ['mountPath'], preserved('VolumeMount describes a mounting of a Volume within a container.', {
      name: field.string('This must match the Name of a Volume.'),
      mountPath: field.string('Path within the container at which the volume should be mounted.'),
    })),
    resources: preserved('Compute Resources required by this container.', { requests: stringMap('Requests describes the minimum amount of compute resources required.'), limits: stringMap('Limits describes the maximum amount of compute resources allowed.') }),
  });
}

/** core/v1 PodTemplateSpec, with the parts server-side apply merges by key. */
export function podTemplateSchema(): JsonSchemaProps {
  return field.object('Template describes the pods that will be created.', {
    metadata: preserved("Standard object's metadata.", { labels: stringMap('Map of string keys and values.'), annotations: stringMap('Annotations is an unstructured key value map.') }),
    spec: preserved('Specification of the desired behavior of the pod.', {
      containers: keyedList('List of containers belonging to the pod.', ['name'], containerSchema()),
      initContainers: keyedList('List of initialization containers belonging to the pod.', ['name'], containerSchema()),
      volumes: keyedList('List of volumes that can be mounted by containers belonging to the pod.', ['name'], preserved('Volume represents a named volume in a pod.', { name: field.string('name of the volume.') })),
    }),
  });
}

/** apps/v1 DeploymentCondition list, merged by type. */
export function deploymentConditionsSchema(): JsonSchemaProps {
  return keyedList('Represents the latest available observations of a deployment\'s current state.', ['type'], field.object('DeploymentCondition describes the state of a deployment at a certain point.', {
    type: field.string('Type of deployment condition.'),
    status: field.string('Status of the condition, one of True, False, Unknown.'),
    lastUpdateTime: field.time('The last time this condition was updated.'),
    lastTransitionTime: field.time('Last time the condition transitioned from one status to another.'),
    reason: field.string("The reason for the condition's last transition."),
    message: field.string('A human readable message indicating details about the transition.'),
  }));
}
