import type { OpenAPIObject, PathItemObject } from '@nestjs/swagger';
import type { Observable, Subscription } from 'rxjs';
import type { ApiGroupVersions, ResourceDefinition } from '@app/crd';
import { discoveryPaths, discoverySchemas } from './discovery-paths.js';
import { TAGS } from './docs.constants.js';
import { kubeApiSection } from './kube-api-paths.js';
import { operatorSchemas } from './operator-schemas.js';
import { STATUS_SCHEMA, statusResponseComponents } from './status-responses.js';

/** What the document reads from the CRD registry (CrdRegistry has exactly this shape). */
export interface ServedResources {
  all(): ResourceDefinition[];
  groups(): ApiGroupVersions[];
  readonly changes$: Observable<unknown>;
}

/** Paths under these prefixes are the Kubernetes API, served by the catch-all controller. */
const KUBE_API_PATH = /^\/apis?(\/|$)/;

/**
 * The operator's whole OpenAPI 3 document: the Nest controllers as their decorators describe
 * them (scanned once, on first use), Kubernetes discovery, and every Kubernetes API path the
 * registry serves right now (generated from the CRDs and built-in definitions). The merged
 * document is cached until the registry changes, so a newly registered CRD appears on the next
 * request. Each call returns the same object until then: callers must not modify it.
 */
export class OperatorApiDocument {
  private scanned?: OpenAPIObject;
  private merged?: OpenAPIObject;
  private readonly subscription?: Subscription;

  constructor(
    private readonly scan: () => OpenAPIObject,
    private readonly registry: ServedResources,
  ) {
    this.subscription = registry.changes$.subscribe(() => (this.merged = undefined));
  }

  document(): OpenAPIObject {
    this.merged ??= this.build();
    return this.merged;
  }

  /** Stops following registry changes (idempotent). */
  close(): void {
    this.subscription?.unsubscribe();
  }

  private build(): OpenAPIObject {
    this.scanned ??= this.scan();
    const definitions = this.registry.all();
    const kube = kubeApiSection(definitions, this.registry.groups());
    const schemas = { ...kube.schemas, ...discoverySchemas(), ...operatorSchemas(), ...this.scanned.components?.schemas };
    if (!schemas[STATUS_SCHEMA]) throw new Error(`the generated Kubernetes schemas lack ${STATUS_SCHEMA}`);
    return {
      ...this.scanned,
      tags: TAGS.map((tag) => ({ ...tag })),
      paths: { ...operatorPaths(this.scanned), ...discoveryPaths(definitions), ...(kube.paths as Record<string, PathItemObject>) },
      components: {
        ...this.scanned.components,
        schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
        responses: { ...statusResponseComponents(), ...this.scanned.components?.responses },
      },
    };
  }
}

/**
 * The decorated controllers' paths, without the catch-all's (described from the registry
 * instead). A handler routed on several paths gets Nest's `Controller_method[i]` operation ids;
 * they become `Controller_method_<first path segment>` (`HealthController_probe_readyz`).
 */
function operatorPaths(scanned: OpenAPIObject): Record<string, PathItemObject> {
  const paths = structuredClone(scanned.paths);
  for (const [path, item] of Object.entries(paths)) {
    for (const operation of Object.values(item) as Array<{ operationId?: unknown }>) {
      if (typeof operation?.operationId !== 'string') continue;
      operation.operationId = operation.operationId.replace(/\[\d+\]$/, () => `_${path.split('/')[1]}`);
    }
  }
  return Object.fromEntries(Object.entries(paths).filter(([path]) => !KUBE_API_PATH.test(path)));
}
