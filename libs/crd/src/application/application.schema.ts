import { JsonSchemaProps } from '../definition/custom-resource-definition.js';

/** kube's resource.Quantity pattern (as controller-gen writes it). */
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** The name of the desired-replicas field: `replicas` in v1, `replicaCount` in v1beta1. */
export type ReplicasField = 'replicas' | 'replicaCount';

/**
 * The Application openAPIV3Schema. Both served versions share it except for the name of the
 * desired-replicas field, so it is written once here.
 */
export function applicationSchema(replicasField: ReplicasField): JsonSchemaProps {
  return {
    type: 'object',
    description: 'Application is a containerised workload the operator keeps converged: its spec is the desired state, its status what was last observed.',
    required: ['spec'],
    properties: {
      apiVersion: {
        type: 'string',
        description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
      },
      kind: {
        type: 'string',
        description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.',
      },
      metadata: { type: 'object', description: "Standard object's metadata." },
      spec: applicationSpecSchema(replicasField),
      status: applicationStatusSchema(),
    },
  };
}

function applicationSpecSchema(replicasField: ReplicasField): JsonSchemaProps {
  return {
    type: 'object',
    description: 'ApplicationSpec is the desired state of an Application.',
    required: ['image'],
    properties: {
      image: { type: 'string', minLength: 1, description: 'Container image to run, for example `nginx:1.27` or `ghcr.io/acme/api@sha256:...`.' },
      [replicasField]: {
        type: 'integer',
        minimum: 0,
        maximum: 100,
        default: 1,
        description: 'Desired number of running instances (0 to 100). Defaults to 1. Exposed through the scale subresource.',
      },
      strategy: {
        type: 'string',
        enum: ['RollingUpdate', 'Recreate'],
        default: 'RollingUpdate',
        description: 'How instances are replaced when the spec changes: RollingUpdate replaces them gradually, Recreate stops all before starting new ones.',
      },
      config: {
        type: 'object',
        description: 'Configuration passed to the application as environment variables: a map of names to string values.',
        additionalProperties: { type: 'string', description: 'The value of one configuration entry.' },
      },
      resources: {
        type: 'object',
        description: 'Compute resources for each instance.',
        properties: {
          requests: quantityMap('Minimum resources each instance needs, by resource name (cpu, memory), as quantities such as `250m` or `128Mi`.'),
          limits: quantityMap('Maximum resources each instance may use, by resource name (cpu, memory), as quantities such as `1` or `512Mi`.'),
        },
      },
      port: { type: 'integer', minimum: 1, maximum: 65535, description: 'TCP port the application listens on (1 to 65535); optional.' },
    },
  };
}

function quantityMap(description: string): JsonSchemaProps {
  return {
    type: 'object',
    description,
    additionalProperties: { type: 'string', pattern: QUANTITY_PATTERN, description: 'A resource quantity (kube resource.Quantity notation).' },
  };
}

function applicationStatusSchema(): JsonSchemaProps {
  const count = (description: string): JsonSchemaProps => ({ type: 'integer', format: 'int32', minimum: 0, description });
  return {
    type: 'object',
    description: 'ApplicationStatus is the most recently observed state of an Application, written by the operator through the status subresource.',
    'x-kubernetes-preserve-unknown-fields': false,
    properties: {
      replicas: count('Number of instances currently created for this Application.'),
      readyReplicas: count('Number of instances that are ready to serve.'),
      updatedReplicas: count('Number of instances running the current spec.'),
      availableReplicas: count('Number of instances available for at least the minimum ready time.'),
      phase: {
        type: 'string',
        enum: ['Pending', 'Running', 'Failed', 'Succeeded'],
        description: 'Coarse lifecycle phase: Pending, Running, Failed or Succeeded.',
      },
      observedGeneration: { type: 'integer', format: 'int64', minimum: 0, description: 'The metadata.generation this status was computed from.' },
      selector: { type: 'string', description: 'Label selector of the instances, in string form; read by the scale subresource.' },
      message: { type: 'string', description: 'Human-readable detail about the current phase.' },
      conditions: {
        type: 'array',
        description: 'Latest observations of the Application state (metav1.Condition), one per type.',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
        items: conditionSchema(),
      },
    },
  };
}

/** metav1.Condition, as controller-gen renders it. */
function conditionSchema(): JsonSchemaProps {
  return {
    type: 'object',
    description: 'Condition contains details for one aspect of the current state of this Application.',
    required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
    properties: {
      type: {
        type: 'string',
        maxLength: 316,
        pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
        description: 'Type of condition in CamelCase, for example Ready or Progressing.',
      },
      status: { type: 'string', enum: ['True', 'False', 'Unknown'], description: 'Status of the condition: True, False or Unknown.' },
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: 1024,
        pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
        description: "Programmatic identifier of the reason for the condition's last transition, in CamelCase.",
      },
      message: { type: 'string', maxLength: 32768, description: 'Human-readable message with details about the transition; may be empty.' },
      lastTransitionTime: { type: 'string', format: 'date-time', description: 'Last time the condition changed from one status to another (RFC 3339).' },
      observedGeneration: { type: 'integer', format: 'int64', minimum: 0, description: 'The metadata.generation the condition was set for.' },
    },
  };
}
