import { ResourceDefinition } from '../definition/resource-definition.js';
import { operationIdAndTag } from './openapi-names.js';
import { OpenApiOperation, OpenApiParameter, OpenApiPathItem, OpenApiSchema } from './openapi.types.js';
import { ResourceRoute } from './resource-routes.js';

const parameterKey = (parameter: OpenApiParameter) => `${parameter.in}:${parameter.name}`;

/**
 * Lays routes out as OpenAPI paths the way kube-openapi's builder3 does: one path item per path,
 * parameters every operation of the item shares hoisted onto the item (sorted by location, then
 * name), the rest on each operation.
 */
export function pathsOf(routes: { route: ResourceRoute; definition: ResourceDefinition; version: string }[]): Record<string, OpenApiPathItem> {
  const byPath = new Map<string, typeof routes>();
  for (const entry of routes) byPath.set(entry.route.path, [...(byPath.get(entry.route.path) ?? []), entry]);
  const paths: Record<string, OpenApiPathItem> = {};
  for (const [path, entries] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    const common = commonParameters(entries.map((entry) => entry.route));
    const item: OpenApiPathItem = {};
    for (const { route, definition, version } of entries) item[route.method] = operationOf(route, definition, version, common);
    item.parameters = [...common.values()].sort((a, b) => a.in.localeCompare(b.in) || a.name.localeCompare(b.name));
    paths[path] = item;
  }
  return paths;
}

function commonParameters(routes: ResourceRoute[]): Map<string, OpenApiParameter> {
  const [first, ...rest] = routes;
  const common = new Map(first.parameters.map((parameter) => [parameterKey(parameter), parameter]));
  for (const route of rest) {
    const keys = new Set(route.parameters.map(parameterKey));
    for (const key of [...common.keys()]) if (!keys.has(key)) common.delete(key);
  }
  return common;
}

function operationOf(route: ResourceRoute, definition: ResourceDefinition, version: string, common: Map<string, OpenApiParameter>): OpenApiOperation {
  const { operationId, tag } = operationIdAndTag(route.operation, route.path);
  const parameters = route.parameters.filter((parameter) => !common.has(parameterKey(parameter)));
  const content = (schema: OpenApiSchema, mediaTypes: string[]) => Object.fromEntries(mediaTypes.map((type) => [type, { schema }]));
  const operation: OpenApiOperation = {
    tags: [tag],
    description: route.description,
    operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.request ? { requestBody: { content: content(route.request.schema, route.request.mediaTypes), required: route.request.required } } : {}),
    responses: Object.fromEntries(route.responses.map((response) => [String(response.code), { description: response.description, content: content(response.schema, route.produces) }])),
    'x-kubernetes-action': route.action,
    'x-kubernetes-group-version-kind': { group: definition.group, version, kind: definition.kind },
  };
  return operation;
}
