import { fieldCause, KubeObject, StatusCause } from '@app/api-machinery';
import { ResourceDefinition, SchemaCheck } from '../definition/resource-definition.js';
import { isPlainObject } from '../schema/json-schema.js';
import { AGE_COLUMN, builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';

/** kube's ConfigMap key rule: `[-._a-zA-Z0-9]+`, at most 253 characters. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Core `v1` ConfigMap (no status), served so the standalone operator can stand in for a cluster.
 * As kube-apiserver: keys must be valid config keys and may not appear in both `data` and
 * `binaryData`; printed with kube's DATA column (the number of entries).
 */
export function configMapsDefinition(): ResourceDefinition {
  return builtinDefinition({
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    shortNames: ['cm'],
    scope: 'Namespaced',
    schema: {
      type: 'object',
      description: 'ConfigMap holds configuration data for pods to consume.',
      properties: {
        ...typeMetaProperties(),
        data: { type: 'object', description: 'Data contains the configuration data.', additionalProperties: field.string('A configuration value.') },
        binaryData: { type: 'object', description: 'BinaryData contains the binary data.', additionalProperties: field.string('Base64-encoded bytes.', { format: 'byte' }) },
        immutable: { type: 'boolean', description: 'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated.' },
      },
    },
    printerColumns: [{ name: 'Data', type: 'integer', description: 'The number of entries in data and binaryData.', jsonPath: '.data' }, AGE_COLUMN],
    cells: configMapCells,
    afterSchema: configMapChecks,
  });
}

export function configMapCells(configMap: KubeObject): unknown[] {
  const size = (value: unknown) => (isPlainObject(value) ? Object.keys(value).length : 0);
  return [size(configMap.data) + size(configMap.binaryData), configMap.metadata?.creationTimestamp];
}

function configMapChecks(object: KubeObject, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  const data = isPlainObject(object.data) ? object.data : {};
  const binary = isPlainObject(object.binaryData) ? object.binaryData : {};
  const causes: StatusCause[] = [];
  for (const [section, entries] of [['data', data], ['binaryData', binary]] as const) {
    for (const key of Object.keys(entries)) {
      if (key.length > 253 || !CONFIG_KEY.test(key)) {
        causes.push(fieldCause.invalid(`${section}[${key}]`, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
      }
    }
  }
  for (const key of Object.keys(binary)) if (key in data) causes.push(fieldCause.duplicate(`data[${key}]`, key));
  return { unknownFields: check.unknownFields, causes };
}
