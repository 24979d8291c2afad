import { ResourceDefinition, ResourceVersion } from '../definition/resource-definition.js';
import { META, definitionName, refTo } from './openapi-names.js';
import { DELETE_PARAMETERS, GET_PARAMETERS, LIST_PARAMETERS, PATCH_PARAMETERS, PRETTY, WRITE_PARAMETERS, pathParameter } from './openapi-parameters.js';
import { HttpMethod, OpenApiParameter, OpenApiSchema } from './openapi.types.js';

/** One operation on one path, before it is laid out as OpenAPI (kube's restful route). */
export interface ResourceRoute {
  path: string;
  method: HttpMethod;
  /** `x-kubernetes-action`: get, list, post, put, patch, delete, deletecollection, watch, watchlist. */
  action: string;
  /** Operation name before GetOperationIDAndTags (`readNamespacedApplicationStatus`). */
  operation: string;
  description: string;
  parameters: OpenApiParameter[];
  request?: { schema: OpenApiSchema; mediaTypes: string[]; required: boolean };
  responses: { code: number; description: string; schema: OpenApiSchema }[];
  produces: string[];
}

const JSON_YAML = ['application/json', 'application/yaml'];
const WATCH_MEDIA = [...JSON_YAML, 'application/json;stream=watch'];
const PATCH_MEDIA = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

interface Context {
  definition: ResourceDefinition;
  base: string;
  namespaced: boolean;
  object: OpenApiSchema;
  list: OpenApiSchema;
}

/**
 * Every route a resource serves in one version, as kube-apiserver registers them: the collection
 * (list, create, deletecollection), the item (get, replace, patch, delete), `status` and `scale`
 * when the version has them, the all-namespaces list, and the legacy `/watch/` paths. Only verbs
 * the definition serves appear.
 */
export function resourceRoutes(definition: ResourceDefinition, version: ResourceVersion): ResourceRoute[] {
  const base = definition.group === '' ? `/api/${version.name}` : `/apis/${definition.group}/${version.name}`;
  const namespaced = definition.scope === 'Namespaced';
  const object = refTo(definitionName(definition, version.name, definition.kind));
  const list = refTo(definitionName(definition, version.name, definition.listKind));
  const context: Context = { definition, base, namespaced, object, list };
  const routes = [...collectionRoutes(context), ...itemRoutes(context), ...subresourceRoutes(context, version), ...watchRoutes(context)];
  return routes.filter((route) => definition.verbs.includes(verbOf(route.action)));
}

function verbOf(action: string): string {
  return ({ post: 'create', put: 'update', watchlist: 'watch' } as Record<string, string>)[action] ?? action;
}

function root({ base, namespaced, definition }: Context): string {
  return namespaced ? `${base}/namespaces/{namespace}/${definition.plural}` : `${base}/${definition.plural}`;
}

function route(context: Context, path: string, method: HttpMethod, action: string, verb: string, sub = ''): ResourceRoute {
  const { definition, namespaced } = context;
  const parameters = [PRETTY];
  if (path.includes('{namespace}')) parameters.push(pathParameter('namespace', definition.kind));
  if (path.includes('{name}')) parameters.push(pathParameter('name', definition.kind));
  const title = sub ? sub[0].toUpperCase() + sub.slice(1) : '';
  const operation = `${verb}${namespaced ? 'Namespaced' : ''}${definition.kind}${title}`;
  return { path, method, action, operation, description: describe(definition.kind, verb, sub), parameters, responses: [], produces: JSON_YAML };
}

function describe(kind: string, verb: string, sub: string): string {
  const of = sub ? ` ${sub} of` : '';
  const article = /^[aeiou]/i.test(kind) ? ' an ' : ' a ';
  if (verb === 'list') return `list objects of kind ${kind}`;
  if (verb === 'create' || verb === 'delete') return `${verb}${of}${article}${kind}`;
  if (verb === 'deletecollection') return `delete collection of${of ? `${of} a` : ''} ${kind}`;
  if (verb === 'patch') return `partially update${of} the specified ${kind}`;
  return `${verb}${of} the specified ${kind}`;
}

const ok = (schema: OpenApiSchema) => ({ code: 200, description: 'OK', schema });

function collectionRoutes(context: Context): ResourceRoute[] {
  const path = root(context);
  const { object, list, namespaced, definition } = context;
  const routes: ResourceRoute[] = [];
  if (namespaced) {
    const all = route(context, `${context.base}/${definition.plural}`, 'get', 'list', 'list');
    routes.push({ ...all, operation: `list${definition.kind}ForAllNamespaces`, parameters: [...all.parameters, ...LIST_PARAMETERS], responses: [ok(list)] });
  }
  const listRoute = route(context, path, 'get', 'list', 'list');
  routes.push({ ...listRoute, parameters: [...listRoute.parameters, ...LIST_PARAMETERS], responses: [ok(list)] });
  const create = route(context, path, 'post', 'post', 'create');
  routes.push({
    ...create,
    parameters: [...create.parameters, ...WRITE_PARAMETERS],
    request: { schema: object, mediaTypes: JSON_YAML, required: true },
    responses: [ok(object), { code: 201, description: 'Created', schema: object }, { code: 202, description: 'Accepted', schema: object }],
  });
  const deleteAll = route(context, path, 'delete', 'deletecollection', 'deletecollection');
  routes.push({ ...deleteAll, parameters: [...deleteAll.parameters, ...LIST_PARAMETERS], responses: [ok(refTo(META.status))] });
  return routes;
}

function itemRoutes(context: Context): ResourceRoute[] {
  const path = `${root(context)}/{name}`;
  const status = refTo(META.status);
  const remove = route(context, path, 'delete', 'delete', 'delete');
  return [
    readRoute(context, path, context.object),
    replaceRoute(context, path, context.object),
    { ...remove, parameters: [...remove.parameters, ...DELETE_PARAMETERS], request: { schema: refTo(META.deleteOptions), mediaTypes: JSON_YAML, required: false }, responses: [ok(status), { code: 202, description: 'Accepted', schema: status }] },
    patchRoute(context, path, context.object),
  ];
}

function readRoute(context: Context, path: string, schema: OpenApiSchema, sub = ''): ResourceRoute {
  const read = route(context, path, 'get', 'get', 'read', sub);
  return { ...read, parameters: [...read.parameters, ...GET_PARAMETERS], responses: [ok(schema)] };
}

function replaceRoute(context: Context, path: string, schema: OpenApiSchema, sub = ''): ResourceRoute {
  const replace = route(context, path, 'put', 'put', 'replace', sub);
  const request = { schema, mediaTypes: JSON_YAML, required: true };
  return { ...replace, parameters: [...replace.parameters, ...WRITE_PARAMETERS], request, responses: [ok(schema), { code: 201, description: 'Created', schema }] };
}

function patchRoute(context: Context, path: string, schema: OpenApiSchema, sub = ''): ResourceRoute {
  const patch = route(context, path, 'patch', 'patch', 'patch', sub);
  const mediaTypes = PATCH_MEDIA.filter((type) => context.definition.acceptsStrategicMerge || !type.includes('strategic'));
  const responses = [ok(schema), { code: 201, description: 'Created', schema }];
  return { ...patch, parameters: [...patch.parameters, ...PATCH_PARAMETERS], request: { schema: refTo(META.patch), mediaTypes, required: true }, responses };
}

function subresourceRoutes(context: Context, version: ResourceVersion): ResourceRoute[] {
  const routes: ResourceRoute[] = [];
  const item = `${root(context)}/{name}`;
  for (const [sub, schema] of [['status', context.object], ['scale', refTo(META.scale)]] as const) {
    if (sub === 'status' ? !version.subresources.status : !version.subresources.scale) continue;
    const path = `${item}/${sub}`;
    routes.push(readRoute(context, path, schema, sub), replaceRoute(context, path, schema, sub), patchRoute(context, path, schema, sub));
  }
  return routes;
}

function watchRoutes(context: Context): ResourceRoute[] {
  const { base, namespaced, definition } = context;
  const scope = namespaced ? `${base}/watch/namespaces/{namespace}/${definition.plural}` : `${base}/watch/${definition.plural}`;
  const watch = (path: string, action: 'watch' | 'watchlist', operation: string): ResourceRoute => {
    const built = route(context, path, 'get', action, 'watch');
    const description = action === 'watch'
      ? `watch changes to an object of kind ${definition.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`
      : `watch individual changes to a list of ${definition.kind}. deprecated: use the 'watch' parameter with a list operation instead.`;
    return { ...built, operation, description, parameters: [...built.parameters, ...LIST_PARAMETERS], responses: [ok(refTo(META.watchEvent))], produces: WATCH_MEDIA };
  };
  const prefix = `watch${namespaced ? 'Namespaced' : ''}${definition.kind}`;
  const routes = [watch(scope, 'watchlist', `${prefix}List`), watch(`${scope}/{name}`, 'watch', prefix)];
  if (namespaced) routes.push(watch(`${base}/watch/${definition.plural}`, 'watchlist', `watch${definition.kind}ListForAllNamespaces`));
  return routes;
}
