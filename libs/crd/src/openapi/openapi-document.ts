import { ResourceDefinition } from '../definition/resource-definition.js';
import { servedResources } from '../discovery/served-resources.js';
import { metaSchemas } from './meta-schemas.js';
import { definitionName } from './openapi-names.js';
import { pathsOf } from './openapi-paths.js';
import { OpenApiDocument, OpenApiSchema } from './openapi.types.js';
import { scaleSchemas, statusSchemas } from './operation-schemas.js';
import { listSchema, resourceSchema } from './resource-schemas.js';
import { resourceRoutes } from './resource-routes.js';
import { componentRefs, wrapRefs } from './schema-walk.js';

const CRD_INFO = { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' };
const BUILTIN_INFO = { title: 'Kubernetes', version: 'unversioned' };

/** `api/v1` for the core group, `apis/<group>/<version>` otherwise: the key in `/openapi/v3`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/**
 * The OpenAPI 3.0 document of one group-version, as kube-apiserver serves it at
 * `/openapi/v3/<groupVersionPath>`: the paths and kinds of every definition serving that version,
 * plus the apimachinery components they reference (and only those). Undefined when no
 * definition serves the group-version. Pure and deterministic for the same definitions.
 */
export function buildOpenApiDocument(definitions: ResourceDefinition[], group: string, version: string): OpenApiDocument | undefined {
  const served = servedResources(definitions, group, version);
  if (served.length === 0) return undefined;
  const schemas: Record<string, OpenApiSchema> = { ...metaSchemas(), ...statusSchemas(), ...scaleSchemas() };
  for (const { definition, version: v } of served) {
    schemas[definitionName(definition, version, definition.kind)] = resourceSchema(definition, v);
    schemas[definitionName(definition, version, definition.listKind)] = listSchema(definition, v);
  }
  const routes = served.flatMap(({ definition, version: v }) => resourceRoutes(definition, v).map((route) => ({ route, definition, version })));
  const paths = pathsOf(routes);
  return {
    openapi: '3.0.0',
    info: served.every(({ definition }) => definition.source === 'crd') ? CRD_INFO : BUILTIN_INFO,
    paths,
    components: { schemas: reachable(schemas, componentRefs(paths)) },
  };
}

/** The schemas reachable from `roots`, sorted by name, each with kube's allOf-wrapped references. */
function reachable(schemas: Record<string, OpenApiSchema>, roots: Set<string>): Record<string, OpenApiSchema> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name) || schemas[name] === undefined) continue;
    seen.add(name);
    pending.push(...componentRefs(schemas[name]));
  }
  return Object.fromEntries([...seen].sort().map((name) => [name, wrapRefs(schemas[name])]));
}
