import { ResourceDefinition } from '../definition/resource-definition.js';
import { configMapsDefinition } from './configmaps.definition.js';
import { customResourceDefinitionsDefinition } from './crds.definition.js';
import { deploymentsDefinition } from './deployments.definition.js';
import { eventsDefinition } from './events.definition.js';
import { leasesDefinition } from './leases.definition.js';
import { namespacesDefinition } from './namespaces.definition.js';

/**
 * Every built-in resource the operator serves besides custom resources, fresh objects on each
 * call (register them with CrdRegistry.registerBuiltin; registerDefaults does).
 *
 * To add one (apps/v1 deployments, v1 configmaps, ...): write `<plural>.definition.ts` beside
 * these with `builtinDefinition({...})` (group, version, names, scope, an openAPIV3Schema,
 * printer columns, and `cells` for columns a JSONPath cannot express), then list it here.
 */
export function builtinDefinitions(): ResourceDefinition[] {
  return [namespacesDefinition(), eventsDefinition(), leasesDefinition(), customResourceDefinitionsDefinition(), configMapsDefinition(), deploymentsDefinition()];
}
