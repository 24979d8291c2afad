import type { PathItemObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions, APPLICATION_GROUP, ResourceDefinition } from '@app/crd';
import { TAG } from './docs.constants.js';
import { schemaRef } from './operator-schemas.js';
import { statusResponseRef } from './status-responses.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const DISCOVERY_SCHEMA = {
  apiVersions: `${META}.APIVersions`,
  apiGroupList: `${META}.APIGroupList`,
  apiGroup: `${META}.APIGroup`,
  groupVersion: `${META}.GroupVersionForDiscovery`,
  apiResourceList: `${META}.APIResourceList`,
  apiResource: `${META}.APIResource`,
  aggregated: 'io.k8s.api.apidiscovery.v2.APIGroupDiscoveryList',
} as const;

const str = (description: string): SchemaObject => ({ type: 'string', description });
const strings = (description: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, description });

/** meta/v1 discovery types, as kube-apiserver serves them at `/api`, `/apis` and below. */
export function discoverySchemas(): Record<string, SchemaObject> {
  const groupVersion = schemaRef(DISCOVERY_SCHEMA.groupVersion);
  const groupBody = {
    name: str('The group\'s name.'),
    versions: { type: 'array', items: groupVersion, description: 'Served versions, preferred first.' },
    preferredVersion: groupVersion,
  } satisfies Record<string, SchemaObject | ReferenceObject>;
  return {
    [DISCOVERY_SCHEMA.groupVersion]: { type: 'object', description: 'A group-version a client can use.', required: ['groupVersion', 'version'], properties: { groupVersion: str('`group/version`.'), version: str('The version.') } },
    [DISCOVERY_SCHEMA.apiVersions]: { type: 'object', description: 'The core group\'s versions.', required: ['versions'], properties: { kind: str('`APIVersions`.'), versions: strings('Served core versions.'), serverAddressByClientCIDRs: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } }, description: 'Where clients reach this server.' } } },
    [DISCOVERY_SCHEMA.apiGroup]: { type: 'object', description: 'One API group.', required: ['name', 'versions'], properties: { kind: str('`APIGroup`.'), apiVersion: str('`v1`.'), ...groupBody } },
    [DISCOVERY_SCHEMA.apiGroupList]: { type: 'object', description: 'Every named API group.', required: ['groups'], properties: { kind: str('`APIGroupList`.'), apiVersion: str('`v1`.'), groups: { type: 'array', items: { type: 'object', properties: groupBody } } } },
    [DISCOVERY_SCHEMA.apiResource]: {
      type: 'object',
      description: 'A resource (or `<resource>/<subresource>`) and the verbs it serves.',
      required: ['name', 'singularName', 'namespaced', 'kind', 'verbs'],
      properties: { name: str('Plural name.'), singularName: str('Singular name.'), namespaced: { type: 'boolean', description: 'Namespaced or cluster-scoped.' }, group: str('Group of a subresource\'s kind.'), version: str('Version of a subresource\'s kind.'), kind: str('Kind.'), verbs: strings('Verbs.'), shortNames: strings('Short names (`kubectl get app`).'), categories: strings('Categories (`kubectl get all`).') },
    },
    [DISCOVERY_SCHEMA.apiResourceList]: { type: 'object', description: 'The resources of one group-version.', required: ['groupVersion', 'resources'], properties: { kind: str('`APIResourceList`.'), apiVersion: str('`v1`.'), groupVersion: str('`group/version`.'), resources: { type: 'array', items: schemaRef(DISCOVERY_SCHEMA.apiResource) } } },
    [DISCOVERY_SCHEMA.aggregated]: { type: 'object', description: 'Aggregated discovery (`apidiscovery.k8s.io/v2`): every group, version and resource in one document.', properties: { kind: str('`APIGroupDiscoveryList`.'), apiVersion: str('`apidiscovery.k8s.io/v2`.'), metadata: { type: 'object' }, items: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
  };
}

function get(operationId: string, summary: string, description: string, content: Record<string, { schema: SchemaObject | { $ref: string }; example?: unknown }>, parameters: PathItemObject['parameters'] = []): PathItemObject {
  return {
    get: {
      tags: [TAG.discovery],
      operationId,
      summary,
      description,
      parameters,
      responses: { '200': { description: 'OK', content }, '401': statusResponseRef(401), '403': statusResponseRef(403), '404': statusResponseRef(404) },
    },
  };
}

const pathParameter = (name: string, description: string, example: string) => ({ name, in: 'path' as const, required: true, description, schema: { type: 'string' as const }, example });
const AGGREGATED = `With \`Accept: ${AGGREGATED_DISCOVERY_CONTENT_TYPE}\` the answer is aggregated discovery (what kubectl 1.32 asks for).`;

/**
 * Kubernetes discovery, served by the catch-all Kubernetes API controller (so not described by
 * decorators). Examples are the registry's own answers at the time the document is built.
 */
export function discoveryPaths(definitions: ResourceDefinition[]): Record<string, PathItemObject> {
  const aggregated = { schema: schemaRef(DISCOVERY_SCHEMA.aggregated) };
  const json = (name: string, example: unknown) => ({ 'application/json': { schema: schemaRef(name), example } });
  return {
    '/api': get('getCoreAPIVersions', 'The core group\'s versions', `Legacy discovery of the core group. ${AGGREGATED}`, { ...json(DISCOVERY_SCHEMA.apiVersions, apiVersions(definitions, '127.0.0.1:3000')), [AGGREGATED_DISCOVERY_CONTENT_TYPE]: aggregated }),
    '/api/v1': get('getCoreV1APIResources', 'The core v1 resources', 'Resources of the core group, version v1.', json(DISCOVERY_SCHEMA.apiResourceList, apiResourceList(definitions, '', 'v1'))),
    '/apis': get('getAPIGroups', 'Every API group', `Legacy discovery of the named groups. ${AGGREGATED}`, { ...json(DISCOVERY_SCHEMA.apiGroupList, apiGroupList(definitions)), [AGGREGATED_DISCOVERY_CONTENT_TYPE]: aggregated }),
    '/apis/{group}': get('getAPIGroup', 'One API group', 'The versions of one group.', json(DISCOVERY_SCHEMA.apiGroup, apiGroup(definitions, APPLICATION_GROUP)), [pathParameter('group', 'API group', APPLICATION_GROUP)]),
    '/apis/{group}/{version}': get('getAPIResources', 'The resources of one group-version', 'What `kubectl api-resources` reads.', json(DISCOVERY_SCHEMA.apiResourceList, apiResourceList(definitions, APPLICATION_GROUP, 'v1')), [
      pathParameter('group', 'API group', APPLICATION_GROUP),
      pathParameter('version', 'API version', 'v1'),
    ]),
    ...openApiV3Paths(),
  };
}

/** `/openapi/v3/<api/v1 | apis/group/version>`, served by a wildcard route (excluded from the scan). */
function openApiV3Paths(): Record<string, PathItemObject> {
  const hash = { name: 'hash', in: 'query' as const, required: false, schema: { type: 'string' as const }, description: 'The hash the `/openapi/v3` index lists: with the current one the answer is immutable; with a stale one, a 301 to the current URL.' };
  const item = (operationId: string, parameters: PathItemObject['parameters']): PathItemObject => {
    const path = get(operationId, 'The OpenAPI v3 document of one group-version', 'As kube-apiserver serves it (what `kubectl explain` reads), with an `ETag`; `If-None-Match` answers 304.', { 'application/json': { schema: { type: 'object', additionalProperties: true, description: 'An OpenAPI 3.0 document.' } } }, [...(parameters ?? []), hash]);
    Object.assign(path.get!.responses, { '301': { description: 'A stale `hash`: moved to the current URL.' }, '304': { description: 'Not modified (`If-None-Match`).' } });
    return path;
  };
  return {
    '/openapi/v3/api/{version}': item('getCoreOpenAPIV3Document', [pathParameter('version', 'API version', 'v1')]),
    '/openapi/v3/apis/{group}/{version}': item('getOpenAPIV3Document', [pathParameter('group', 'API group', APPLICATION_GROUP), pathParameter('version', 'API version', 'v1')]),
  };
}
