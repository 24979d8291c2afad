import { ResourceDefinition } from '../definition/resource-definition.js';
import { OpenApiSchema } from './openapi.types.js';

/** Component names of the apimachinery and autoscaling types the documents reference. */
export const META = {
  objectMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  listMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
  managedFieldsEntry: 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
  ownerReference: 'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
  time: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  fieldsV1: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  status: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  statusDetails: 'io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails',
  statusCause: 'io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause',
  deleteOptions: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  preconditions: 'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions',
  patch: 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  watchEvent: 'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  scale: 'io.k8s.api.autoscaling.v1.Scale',
  scaleSpec: 'io.k8s.api.autoscaling.v1.ScaleSpec',
  scaleStatus: 'io.k8s.api.autoscaling.v1.ScaleStatus',
} as const;

const COMPONENT_PREFIX = '#/components/schemas/';

/** `{ $ref: '#/components/schemas/<name>' }`. */
export function refTo(name: string): OpenApiSchema {
  return { $ref: COMPONENT_PREFIX + name };
}

/** The component name a `$ref` points at, or undefined for any other reference. */
export function refTarget(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : undefined;
}

/** `x-kubernetes-group-version-kind` as component schemas carry it (a list of one). */
export function gvkExtension(group: string, version: string, kind: string): OpenApiSchema {
  return { 'x-kubernetes-group-version-kind': [{ group, kind, version }] };
}

/** A reference with siblings, wrapped in `allOf` as kube-openapi's builder3 writes it. */
export function describedRef(name: string, description: string): OpenApiSchema {
  return { description, allOf: [refTo(name)] };
}

/**
 * The component name kube gives a kind: a custom resource's is its group reversed
 * (`dev.elide.cloudnative.v1.Application`); a built-in's is its Go package
 * (`io.k8s.api.core.v1.Event`, `io.k8s.api.coordination.v1.Lease`).
 */
export function definitionName(definition: ResourceDefinition, version: string, kind: string): string {
  return `${packageOf(definition)}.${version}.${kind}`;
}

function packageOf({ group, source }: ResourceDefinition): string {
  if (source === 'crd') return group.split('.').reverse().join('.');
  if (group === '') return 'io.k8s.api.core';
  if (group === 'apiextensions.k8s.io') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
  return `io.k8s.api.${group.replace(/\.k8s\.io$/, '')}`;
}

/** kube's ToValidOperationID: drops punctuation, camel-cases the word after it. */
export function toValidOperationId(text: string, capitalizeFirst: boolean): string {
  let out = '';
  let capitalize = capitalizeFirst;
  [...text].forEach((char, index) => {
    if (/\p{L}/u.test(char) || char === '_' || (index !== 0 && /\d/.test(char))) {
      out += capitalize ? char.toUpperCase() : char;
      capitalize = false;
    } else {
      capitalize = true;
    }
  });
  return out;
}

const OPERATION_VERBS = ['get', 'log', 'read', 'replace', 'patch', 'delete', 'watch', 'connect', 'proxy', 'list', 'create'];

/**
 * kube-apiserver's GetOperationIDAndTags: `readNamespacedApplication` served under
 * `/apis/cloudnative.elide.dev/v1/...` becomes `readCloudnativeElideDevV1NamespacedApplication`,
 * tagged `cloudnativeElideDev_v1` (`/api/v1` counts as group `core`).
 */
export function operationIdAndTag(operation: string, path: string): { operationId: string; tag: string } {
  const verb = OPERATION_VERBS.filter((candidate) => operation.startsWith(candidate)).sort((a, b) => a.length - b.length)[0] ?? '';
  let parts = path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts[0] === 'api') parts = ['apis', 'core', ...parts.slice(1)];
  const group = parts[1].replace(/\.k8s\.io$/, '');
  const prefix = verb + toValidOperationId(group, verb !== '') + toValidOperationId(parts[2], true);
  const tag = `${toValidOperationId(group, false)}_${toValidOperationId(parts[2], false)}`;
  return { operationId: prefix + toValidOperationId(operation.slice(verb.length), true), tag };
}
