import { APPLICATION_GROUP, buildOpenApiDocument, OpenApiOperation, OpenApiPathItem, OpenApiSchema, ResourceDefinition } from '@app/crd';
import { TAG, Tag } from './docs.constants.js';
import { APPLICATION_CREATED, APPLICATION_LIST, APPLICATION_REQUEST, APPLICATION_RUNNING } from './examples.js';
import { ErrorCode, statusResponseRef } from './status-responses.js';

/** The Kubernetes API paths and the component schemas they reference. */
export interface KubeApiSection {
  paths: Record<string, OpenApiPathItem>;
  schemas: Record<string, OpenApiSchema>;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
const METHODS: Method[] = ['get', 'put', 'post', 'delete', 'patch'];
const WRITE_ERRORS: ErrorCode[] = [400, 403, 404, 409, 413, 415, 422];

/** The errors each `x-kubernetes-action` can answer, besides 401 and 403 from authentication and authorization. */
const ERRORS_BY_ACTION: Record<string, ErrorCode[]> = {
  get: [404],
  list: [400, 410],
  watch: [400, 410],
  watchlist: [400, 410],
  post: WRITE_ERRORS.filter((code) => code !== 404),
  put: WRITE_ERRORS,
  patch: WRITE_ERRORS,
  delete: [404, 409],
  deletecollection: [400],
};

/**
 * Every Kubernetes API path the registry serves, one group-version at a time from the same
 * generator as `/openapi/v3` (so the Application schema is the CRD's, descriptions included),
 * retagged by module, with the error responses each action can answer and the seed's examples on
 * the `cloudnative.elide.dev/v1` Application operations. Pure: the definitions are not modified.
 */
export function kubeApiSection(definitions: ResourceDefinition[], groupVersions: Array<{ name: string; versions: string[] }>): KubeApiSection {
  const section: KubeApiSection = { paths: {}, schemas: {} };
  for (const group of groupVersions) {
    for (const version of group.versions) {
      const document = buildOpenApiDocument(definitions, group.name, version);
      if (!document) continue;
      const copy = structuredClone(document);
      Object.assign(section.schemas, copy.components.schemas);
      for (const [path, item] of Object.entries(copy.paths)) section.paths[path] = describePathItem(item, definitions);
    }
  }
  return section;
}

function describePathItem(item: OpenApiPathItem, definitions: ResourceDefinition[]): OpenApiPathItem {
  for (const method of METHODS) {
    const operation = item[method];
    if (operation) describeOperation(operation, definitions);
  }
  return item;
}

function describeOperation(operation: OpenApiOperation, definitions: ResourceDefinition[]): void {
  const { group, version, kind } = operation['x-kubernetes-group-version-kind'];
  const action = operation['x-kubernetes-action'];
  const source = definitions.find((definition) => definition.group === group && definition.kind === kind)?.source;
  (operation as OpenApiOperation & { summary?: string }).summary = operation.description;
  operation.tags = [moduleTag(group, kind, source)];
  const responses = operation.responses as Record<string, unknown>;
  for (const code of [401, 403, ...(ERRORS_BY_ACTION[action] ?? [])] as ErrorCode[]) responses[String(code)] ??= statusResponseRef(code);
  if (group === APPLICATION_GROUP && version === 'v1' && kind === 'Application') addApplicationExamples(operation, action);
}

/** The module a resource belongs to (Leases to leader election, Events to events, ...). */
function moduleTag(group: string, kind: string, source: ResourceDefinition['source'] | undefined): Tag {
  if (group === APPLICATION_GROUP) return TAG.applications;
  if (group === 'apiextensions.k8s.io') return TAG.crds;
  if (group === 'coordination.k8s.io') return TAG.leaderElection;
  if (kind === 'Event') return TAG.events;
  if (group === 'authorization.k8s.io' || group === 'rbac.authorization.k8s.io') return TAG.authorization;
  return source === 'crd' ? TAG.customResources : TAG.kubernetes;
}

/** The seed's Application on its create/replace bodies and read/list answers (subresources excluded). */
function addApplicationExamples(operation: OpenApiOperation, action: string): void {
  if (/Status$|Scale$/.test(operation.operationId)) return;
  const json = (content: Record<string, { schema: OpenApiSchema; example?: unknown }> | undefined, example: unknown) => {
    if (content?.['application/json']) content['application/json'].example = example;
  };
  const responses = operation.responses;
  if (action === 'post' || action === 'put') {
    json(operation.requestBody?.content, APPLICATION_REQUEST);
    json(responses['201']?.content, APPLICATION_CREATED);
  }
  if (action === 'get' || action === 'put') json(responses['200']?.content, APPLICATION_RUNNING);
  if (action === 'list') json(responses['200']?.content, APPLICATION_LIST);
}
