import { ResourceDefinition, ResourceVersion } from '@app/crd';
import { apiVersionOf, GroupResource } from '@app/api-machinery';
import { UserInfo, WriteOptions } from '../client/resource-client.js';

/** The resource, version and namespace one request addresses, plus who sends it. */
export interface RequestScope {
  definition: ResourceDefinition;
  /** The version of the URL: objects are read and written in it. */
  version: ResourceVersion;
  /** Undefined for cluster-scoped resources and for all-namespace lists/watches. */
  namespace?: string;
  user: UserInfo;
  /** The request's User-Agent: names the field manager of writes that give no `fieldManager`. */
  userAgent?: string;
}

export const SYSTEM_USER: UserInfo = { username: 'system:application-operator', groups: ['system:masters', 'system:authenticated'] };

export function groupResource(scope: RequestScope): GroupResource {
  return { group: scope.definition.group, resource: scope.definition.plural };
}

export function requestApiVersion(scope: RequestScope): string {
  return apiVersionOf(scope.definition.group, scope.version.name);
}

export function kindOf(scope: RequestScope): { group: string; kind: string } {
  return { group: scope.definition.group, kind: scope.definition.kind };
}

export type ResolvedWriteOptions = Required<Pick<WriteOptions, 'dryRun' | 'fieldValidation'>> &
  WriteOptions & {
    subresource?: string;
    /** Set by server-side apply: the object's managedFields are already computed; keep them. */
    managedFieldsFromApply?: boolean;
  };

export function resolveWriteOptions(options: (WriteOptions & { subresource?: string }) | undefined): ResolvedWriteOptions {
  return { ...options, dryRun: options?.dryRun ?? false, fieldValidation: options?.fieldValidation ?? 'Ignore' };
}
