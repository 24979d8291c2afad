import { StatusCause } from '@app/api-machinery';
import { kubeCause } from '../schema/field-errors.js';
import { isPlainObject } from '../schema/json-schema.js';
import { validateVersions } from './crd-version-validation.js';
import { dns1035LabelErrors, dns1123SubdomainErrors } from './dns-names.js';

const SCOPES = ['Cluster', 'Namespaced'];

/**
 * Validates a user-submitted CustomResourceDefinition (after `applyCrdDefaults`) the way
 * apiextensions-apiserver does, with its wording: one cause per problem, empty when valid.
 * Pure and total: never throws, whatever the input.
 */
export function validateCrd(crd: unknown): StatusCause[] {
  if (!isPlainObject(crd)) return [kubeCause.typeInvalid('', typeof crd, 'must be an object')];
  const spec = isPlainObject(crd.spec) ? crd.spec : undefined;
  const causes = validateMetadataName(crd.metadata, spec);
  if (!spec) return [...causes, kubeCause.required('spec')];
  causes.push(...validateGroup(spec.group));
  causes.push(...validateEnum('spec.scope', spec.scope, SCOPES));
  causes.push(...validateVersions(spec.versions));
  causes.push(...validateNames(spec.names));
  causes.push(...validateConversion(spec.conversion));
  return causes;
}

function validateMetadataName(metadata: unknown, spec: Record<string, unknown> | undefined): StatusCause[] {
  const name = isPlainObject(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') return [kubeCause.required('metadata.name', 'name or generateName is required')];
  const causes = dns1123SubdomainErrors(name).map((error) => kubeCause.invalid('metadata.name', name, error));
  const names = isPlainObject(spec?.names) ? spec.names : {};
  if (name !== `${String(names.plural)}.${String(spec?.group)}`) {
    causes.push(kubeCause.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  }
  return causes;
}

function validateGroup(group: unknown): StatusCause[] {
  if (typeof group !== 'string' || group === '') return [kubeCause.required('spec.group')];
  const errors = dns1123SubdomainErrors(group);
  if (errors.length > 0) return [kubeCause.invalid('spec.group', group, errors.join(','))];
  return group.includes('.') ? [] : [kubeCause.invalid('spec.group', group, 'should be a domain with at least one dot')];
}

function validateEnum(path: string, value: unknown, accepted: string[]): StatusCause[] {
  if (value === undefined || value === '') return [kubeCause.required(path)];
  return accepted.includes(value as string) ? [] : [kubeCause.notSupported(path, value, accepted)];
}

function validateNames(names: unknown): StatusCause[] {
  const path = 'spec.names';
  const n = isPlainObject(names) ? names : {};
  const causes: StatusCause[] = [];
  for (const key of ['plural', 'singular', 'kind', 'listKind']) {
    if (typeof n[key] !== 'string' || n[key] === '') causes.push(kubeCause.required(`${path}.${key}`));
  }
  for (const key of ['plural', 'singular']) labelCauses(`${path}.${key}`, n[key], causes);
  for (const key of ['kind', 'listKind']) labelCauses(`${path}.${key}`, n[key], causes, 'may have mixed case, but should otherwise match: ');
  if (typeof n.kind === 'string' && n.kind !== '' && n.kind === n.listKind) {
    causes.push(kubeCause.invalid(`${path}.listKind`, n.listKind, 'kind and listKind may not be the same'));
  }
  for (const key of ['shortNames', 'categories']) {
    const list = Array.isArray(n[key]) ? (n[key] as unknown[]) : [];
    list.forEach((value, index) => labelCauses(`${path}.${key}[${index}]`, value, causes));
  }
  return causes;
}

function labelCauses(path: string, value: unknown, causes: StatusCause[], prefix?: string): void {
  if (value === undefined || value === '') return;
  if (typeof value !== 'string') return void causes.push(kubeCause.typeInvalid(path, typeof value, 'must be a string'));
  const errors = dns1035LabelErrors(prefix ? value.toLowerCase() : value);
  if (errors.length > 0) causes.push(kubeCause.invalid(path, value, `${prefix ?? ''}${errors.join(',')}`));
}

function validateConversion(conversion: unknown): StatusCause[] {
  if (conversion === undefined) return [];
  const strategy = isPlainObject(conversion) ? conversion.strategy : undefined;
  const causes = validateEnum('spec.conversion.strategy', strategy, ['None', 'Webhook']);
  const webhook = isPlainObject(conversion) ? conversion.webhook : undefined;
  if (strategy === 'Webhook' && !isPlainObject(webhook)) {
    causes.push(kubeCause.required('spec.conversion.webhook', 'required when strategy is set to Webhook'));
  } else if (strategy === 'None' && webhook !== undefined) {
    causes.push(kubeCause.forbidden('spec.conversion.webhook', 'should not be set when strategy is not set to Webhook'));
  }
  return causes;
}
