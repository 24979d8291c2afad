import { StatusCause } from '@app/api-machinery';
import { kubeCause } from '../schema/field-errors.js';
import { isPlainObject } from '../schema/json-schema.js';
import { validateVersionSchema } from './crd-schema-validation.js';
import { dns1035LabelErrors } from './dns-names.js';

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/**
 * `spec.versions` of a CRD: each version named (DNS-1035), schema'd, with valid printer columns
 * and scale paths; names unique; exactly one storage version; at least one served version.
 */
export function validateVersions(versions: unknown): StatusCause[] {
  const path = 'spec.versions';
  if (!Array.isArray(versions) || versions.length === 0) return [kubeCause.required(path, 'must have exactly one version marked as storage version')];
  const causes: StatusCause[] = [];
  const names = versions.map((version) => (isPlainObject(version) ? version.name : undefined));
  versions.forEach((version, index) => causes.push(...validateVersion(version, `${path}[${index}]`)));
  if (new Set(names).size !== names.length) causes.push(kubeCause.invalid(path, names, 'must contain unique version names'));
  if (versions.filter((version) => isPlainObject(version) && version.storage === true).length !== 1) {
    causes.push(kubeCause.invalid(path, names, 'must have exactly one version marked as storage version'));
  }
  if (!versions.some((version) => isPlainObject(version) && version.served === true)) {
    causes.push(kubeCause.invalid(path, names, 'must have at least one version marked as served'));
  }
  return causes;
}

function validateVersion(version: unknown, path: string): StatusCause[] {
  if (!isPlainObject(version)) return [kubeCause.typeInvalid(path, typeof version, 'must be an object')];
  const causes: StatusCause[] = [];
  if (typeof version.name !== 'string' || version.name === '') causes.push(kubeCause.required(`${path}.name`));
  else for (const error of dns1035LabelErrors(version.name)) causes.push(kubeCause.invalid(`${path}.name`, version.name, error));
  for (const flag of ['served', 'storage'] as const) {
    if (typeof version[flag] !== 'boolean') causes.push(kubeCause.required(`${path}.${flag}`));
  }
  causes.push(...validateVersionSchema(version.schema, `${path}.schema`));
  causes.push(...validateSubresources(version.subresources, `${path}.subresources`));
  const columns = Array.isArray(version.additionalPrinterColumns) ? version.additionalPrinterColumns : [];
  columns.forEach((column, index) => causes.push(...validateColumn(column, `${path}.additionalPrinterColumns[${index}]`)));
  return causes;
}

function validateColumn(column: unknown, path: string): StatusCause[] {
  const col = isPlainObject(column) ? column : {};
  const causes: StatusCause[] = [];
  const types = `must be one of ${COLUMN_TYPES.join(',')}`;
  if (typeof col.name !== 'string' || col.name === '') causes.push(kubeCause.required(`${path}.name`));
  if (col.type === undefined || col.type === '') causes.push(kubeCause.required(`${path}.type`, types));
  else if (!COLUMN_TYPES.includes(col.type as string)) causes.push(kubeCause.invalid(`${path}.type`, col.type, types));
  if (col.format !== undefined && col.format !== '' && !COLUMN_FORMATS.includes(col.format as string)) {
    causes.push(kubeCause.invalid(`${path}.format`, col.format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  }
  if (col.jsonPath === undefined || col.jsonPath === '') causes.push(kubeCause.required(`${path}.JSONPath`));
  else causes.push(...simpleJsonPath(col.jsonPath, `${path}.JSONPath`));
  return causes;
}

function validateSubresources(subresources: unknown, path: string): StatusCause[] {
  const scale = isPlainObject(subresources) ? subresources.scale : undefined;
  if (!isPlainObject(scale)) return [];
  return [
    ...scalePath(scale.specReplicasPath, `${path}.scale.specReplicasPath`, '.spec.', true),
    ...scalePath(scale.statusReplicasPath, `${path}.scale.statusReplicasPath`, '.status.', true),
    ...scalePath(scale.labelSelectorPath, `${path}.scale.labelSelectorPath`, '.status.', false),
  ];
}

function scalePath(value: unknown, path: string, prefix: string, required: boolean): StatusCause[] {
  if (value === undefined || value === '') return required ? [kubeCause.required(path)] : [];
  const errors = simpleJsonPath(value, path);
  if (errors.length > 0) return errors;
  return (value as string).startsWith(prefix) ? [] : [kubeCause.invalid(path, value, `should be a json path under ${prefix.slice(0, -1)}`)];
}

function simpleJsonPath(value: unknown, path: string): StatusCause[] {
  if (typeof value !== 'string') return [kubeCause.typeInvalid(path, typeof value, 'must be a string')];
  if (!value.startsWith('.')) return [kubeCause.invalid(path, value, 'must be a simple json path starting with .')];
  return [];
}
