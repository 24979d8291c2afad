import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { AlreadyExistsError, ConflictError, deepEqual, isJsonObject, KubeObject, NotFoundError } from '@app/api-machinery';
import { RequestScope, ResourceService, SYSTEM_USER } from '@app/resources';
import { AUTOUPDATE_ANNOTATION, BOOTSTRAP_LABEL, bootstrapPolicy, LEGACY_BOOTSTRAP_NAMES } from './bootstrap-policy.js';

const BOOTSTRAP_KEY = 'kubernetes.io/bootstrapping';
import { RBAC_GROUP, RBAC_VERSION } from './rbac.types.js';

const KINDS: Record<string, string> = { Role: 'roles', ClusterRole: 'clusterroles', RoleBinding: 'rolebindings', ClusterRoleBinding: 'clusterrolebindings' };

/** An RBAC_FILE that cannot be applied; the message names the file and the document. */
export class RbacFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RbacFileError';
  }
}

/**
 * Writes RBAC objects through the resource layer (so they are validated and admitted like any
 * write): the default policy (created when absent, reconciled while annotated
 * `rbac.authorization.kubernetes.io/autoupdate: "true"`) and the objects of an RBAC file
 * (created, or replaced when they exist). Safe to run concurrently from several replicas.
 */
@Injectable()
export class RbacPolicyLoader {
  constructor(private readonly resources: ResourceService) {}

  /**
   * Creates the default policy, reconciles its objects still marked autoupdate, and removes the
   * objects earlier versions created under `-` names (`system-discovery`, ...) while they still
   * carry the bootstrap label and autoupdate (objects a user took over are left alone).
   */
  async seedDefaults(): Promise<void> {
    for (const object of bootstrapPolicy()) await this.reconcileDefault(object);
    for (const name of LEGACY_BOOTSTRAP_NAMES) {
      for (const kind of ['ClusterRoleBinding', 'ClusterRole']) await this.removeLegacy(kind, name);
    }
  }

  /** Parses a multi-document YAML file of Roles, ClusterRoles and bindings (or Lists of them) and applies each. */
  async applyFile(path: string): Promise<number> {
    const objects = readRbacFile(path);
    for (const [index, object] of objects.entries()) {
      await this.createOrReplace(object).catch((error: Error) => {
        throw new RbacFileError(`RBAC_FILE ${path}: object ${index + 1} (${object.kind} ${object.metadata?.name ?? ''}): ${error.message}`);
      });
    }
    return objects.length;
  }

  /** Retried on a conflict: another replica (or the aggregation controller) may write the same object. */
  private async reconcileDefault(object: KubeObject): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.reconcileOnce(object);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 5) throw error;
      }
    }
  }

  private async reconcileOnce(object: KubeObject): Promise<void> {
    const scope = this.scopeOf(object);
    try {
      await this.resources.create(scope, object);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const current = await this.resources.get(scope, object.metadata!.name!);
      if (current.metadata?.annotations?.[AUTOUPDATE_ANNOTATION] !== 'true') return;
      const desired = reconciled(current, object);
      if (['rules', 'roleRef', 'subjects', 'aggregationRule', 'metadata'].every((field) => deepEqual(current[field], desired[field]))) return;
      await this.resources.update(scope, object.metadata!.name!, desired);
    }
  }

  private async removeLegacy(kind: string, name: string): Promise<void> {
    const scope = this.scopeOf({ kind, metadata: { name } });
    const current = await this.resources.get(scope, name).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const meta = current?.metadata;
    if (!meta || meta.annotations?.[AUTOUPDATE_ANNOTATION] !== 'true' || meta.labels?.[BOOTSTRAP_KEY] !== BOOTSTRAP_LABEL[BOOTSTRAP_KEY]) return;
    await this.resources.delete(scope, name, { preconditions: { uid: meta.uid } }).catch((error: unknown) => {
      if (!(error instanceof NotFoundError) && !(error instanceof ConflictError)) throw error;
    });
  }

  private async createOrReplace(object: KubeObject): Promise<void> {
    const scope = this.scopeOf(object);
    try {
      await this.resources.create(scope, object);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const body = structuredClone(object);
      delete body.metadata?.resourceVersion;
      await this.resources.update(scope, object.metadata!.name!, body);
    }
  }

  private scopeOf(object: KubeObject): RequestScope {
    const resource = KINDS[object.kind ?? ''];
    return this.resources.scope({ group: RBAC_GROUP, version: RBAC_VERSION, resource }, object.metadata?.namespace ?? 'default', SYSTEM_USER);
  }
}

/**
 * A default object's update (kube's bootstrap reconciliation): the default's labels and
 * annotations added to the current ones; the default's rules, roleRef, subjects and
 * aggregationRule. An aggregated role keeps its current rules (the aggregation controller owns
 * them) once it was aggregated already.
 */
function reconciled(current: KubeObject, object: KubeObject): KubeObject {
  const metadata = {
    ...current.metadata,
    labels: { ...current.metadata?.labels, ...object.metadata?.labels },
    annotations: { ...current.metadata?.annotations, ...object.metadata?.annotations },
  };
  const keepRules = object.aggregationRule !== undefined && current.aggregationRule !== undefined;
  const desired: KubeObject = { ...current, metadata, rules: keepRules ? current.rules : object.rules, roleRef: object.roleRef, subjects: object.subjects };
  if (object.aggregationRule !== undefined) desired.aggregationRule = object.aggregationRule;
  return desired;
}

/** The RBAC objects of a YAML file, in order; throws RbacFileError for anything else. */
export function readRbacFile(path: string): KubeObject[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RbacFileError(`RBAC_FILE ${path}: ${(error as Error).message}`);
  }
  const objects: KubeObject[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    if (document.errors.length > 0) throw new RbacFileError(`RBAC_FILE ${path}: document ${index + 1}: ${document.errors[0].message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    const items = isJsonObject(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) objects.push(checkRbacObject(item, `RBAC_FILE ${path}: document ${index + 1}`));
  });
  return objects;
}

function checkRbacObject(value: unknown, where: string): KubeObject {
  if (!isJsonObject(value)) throw new RbacFileError(`${where}: not an object`);
  if (value.apiVersion !== `${RBAC_GROUP}/${RBAC_VERSION}` || typeof value.kind !== 'string' || !KINDS[value.kind]) {
    throw new RbacFileError(`${where}: expected apiVersion ${RBAC_GROUP}/${RBAC_VERSION} and kind Role, ClusterRole, RoleBinding or ClusterRoleBinding, got ${String(value.apiVersion)} ${String(value.kind)}`);
  }
  const metadata = value.metadata;
  if (!isJsonObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') throw new RbacFileError(`${where}: metadata.name is required`);
  return value as KubeObject;
}
