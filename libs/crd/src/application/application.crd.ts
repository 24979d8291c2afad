import { PrinterColumn } from '../definition/resource-definition.js';
import { CustomResourceDefinition, CustomResourceDefinitionVersion } from '../definition/custom-resource-definition.js';
import { applicationSchema, ReplicasField } from './application.schema.js';

export const APPLICATION_GROUP = 'cloudnative.elide.dev';
export const APPLICATION_CRD_NAME = `applications.${APPLICATION_GROUP}`;

/**
 * The Application CustomResourceDefinition: the one source of truth for the resource's names,
 * versions, schemas, subresources and printer columns. Registering it (CrdRegistry.register)
 * is what makes `applications.cloudnative.elide.dev` served.
 *
 * Treat it as read-only: copy it (structuredClone) before handing it to code that mutates.
 *
 * `conversion.strategy` is `None` in the object, but v1 ⇄ v1beta1 conversion (spec.replicas ⇄
 * spec.replicaCount) is done by an in-process converter registered under this CRD's name
 * (see application.conversion.ts): the equivalent of a conversion webhook, without the hop.
 */
export const applicationCrd: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: APPLICATION_CRD_NAME },
  spec: {
    group: APPLICATION_GROUP,
    names: {
      plural: 'applications',
      singular: 'application',
      kind: 'Application',
      listKind: 'ApplicationList',
      shortNames: ['app'],
      categories: ['all'],
    },
    scope: 'Namespaced',
    versions: [
      applicationVersion('v1', 'replicas', { served: true, storage: true }),
      applicationVersion('v1beta1', 'replicaCount', {
        served: true,
        storage: false,
        deprecated: true,
        deprecationWarning: `${APPLICATION_GROUP}/v1beta1 Application is deprecated; use ${APPLICATION_GROUP}/v1 Application`,
      }),
    ],
    conversion: { strategy: 'None' },
  },
};

type VersionFlags = Pick<CustomResourceDefinitionVersion, 'served' | 'storage' | 'deprecated' | 'deprecationWarning'>;

function applicationVersion(name: string, replicasField: ReplicasField, flags: VersionFlags): CustomResourceDefinitionVersion {
  return {
    name,
    ...flags,
    schema: { openAPIV3Schema: applicationSchema(replicasField) },
    subresources: {
      status: {},
      scale: { specReplicasPath: `.spec.${replicasField}`, statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
    },
    additionalPrinterColumns: printerColumns(replicasField),
    selectableFields: [{ jsonPath: '.status.phase' }],
  };
}

function printerColumns(replicasField: ReplicasField): PrinterColumn[] {
  return [
    { name: 'Replicas', type: 'integer', description: 'Desired number of instances', jsonPath: `.spec.${replicasField}` },
    { name: 'Ready', type: 'integer', description: 'Number of ready instances', jsonPath: '.status.readyReplicas' },
    { name: 'Phase', type: 'string', description: 'Lifecycle phase', jsonPath: '.status.phase' },
    { name: 'Image', type: 'string', description: 'Container image', priority: 1, jsonPath: '.spec.image' },
    {
      name: 'Age',
      type: 'date',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is represented in RFC3339 form and is in UTC.',
      jsonPath: '.metadata.creationTimestamp',
    },
  ];
}
