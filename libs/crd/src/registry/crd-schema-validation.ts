import { StatusCause } from '@app/api-machinery';
import { kubeCause } from '../schema/field-errors.js';
import { isPlainObject, Schema } from '../schema/json-schema.js';
import { compileSchema, SchemaCompileError } from '../schema/schema-engine.js';

type Level = 'root' | 'field' | 'item';

const MAX_SCHEMA_DEPTH = 128;
const SCHEMA_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  field: 'must not be empty for specified object fields',
  item: 'must not be empty for specified array items',
};

/**
 * Checks one version's `schema` (path `spec.versions[i].schema`) as apiextensions-apiserver
 * does for v1 CRDs: present, structural (every node typed, object at the root, properties and
 * additionalProperties not mixed), and compilable into a validator.
 */
export function validateVersionSchema(schema: unknown, path: string): StatusCause[] {
  const openAPIV3Schema = isPlainObject(schema) ? schema.openAPIV3Schema : undefined;
  if (!isPlainObject(openAPIV3Schema)) return [kubeCause.required(`${path}.openAPIV3Schema`, 'schemas are required')];
  const causes: StatusCause[] = [];
  checkNode(openAPIV3Schema, `${path}.openAPIV3Schema`, 'root', 0, causes);
  if (causes.length > 0) return causes;
  try {
    compileSchema(openAPIV3Schema);
  } catch (error) {
    if (!(error instanceof SchemaCompileError)) throw error;
    causes.push(kubeCause.invalid(path, '', `error building validator: ${error.message}`));
  }
  return causes;
}

function checkNode(node: Schema, path: string, level: Level, depth: number, causes: StatusCause[]): void {
  if (depth > MAX_SCHEMA_DEPTH) {
    causes.push(kubeCause.forbidden(path, `must not be nested more than ${MAX_SCHEMA_DEPTH} levels deep`));
    return;
  }
  checkType(node, path, level, causes);
  if (isPlainObject(node.properties) && Object.keys(node.properties).length > 0 && isPlainObject(node.additionalProperties)) {
    causes.push(kubeCause.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  if (isPlainObject(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      if (isPlainObject(child)) checkNode(child, `${path}.properties[${key}]`, 'field', depth + 1, causes);
    }
  }
  if (isPlainObject(node.items)) checkNode(node.items, `${path}.items`, 'item', depth + 1, causes);
  else if (Array.isArray(node.items)) causes.push(kubeCause.forbidden(`${path}.items`, 'items must be a schema object and not an array'));
  if (isPlainObject(node.additionalProperties)) checkNode(node.additionalProperties, `${path}.additionalProperties`, 'field', depth + 1, causes);
}

function checkType(node: Schema, path: string, level: Level, causes: StatusCause[]): void {
  const type = node.type;
  const untyped = type === undefined || type === '';
  if (untyped && node['x-kubernetes-int-or-string'] !== true && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    causes.push(kubeCause.required(`${path}.type`, EMPTY_TYPE[level]));
  } else if (level === 'root' && !untyped && type !== 'object') {
    causes.push(kubeCause.invalid(`${path}.type`, type, 'must be object at the root'));
  } else if (type === 'null') {
    causes.push(kubeCause.forbidden(`${path}.type`, 'type cannot be set to null'));
  } else if (!untyped && !SCHEMA_TYPES.includes(type as string)) {
    causes.push(kubeCause.notSupported(`${path}.type`, type, SCHEMA_TYPES));
  }
}
