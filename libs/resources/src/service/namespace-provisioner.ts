import { randomUUID } from 'node:crypto';
import { rfc3339Now } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { KeyExistsError, Store } from '@app/storage';
import { decode, encode } from '../storage/codec.js';
import { objectKey } from '../storage/keys.js';
import { isTerminating, KUBERNETES_FINALIZER, terminatingForbidden } from './namespace-lifecycle.js';
import { ResolvedWriteOptions, RequestScope } from './request-scope.js';

/**
 * kube's NamespaceLifecycle for creates, plus auto-provisioning: creating an object in a
 * terminating namespace is refused (403, kube's wording); creating one in namespace `x` creates
 * the Namespace `x` if it is missing, so `kubectl get ns` and `-A` show the namespaces in use
 * (kube answers 404 there; clients and tests of this operator rely on the auto-creation).
 * Reads the namespace on every create (no cache: a deleted namespace comes back on next use).
 * Idempotent and safe under concurrent creators.
 */
export class NamespaceProvisioner {
  constructor(
    private readonly store: Store,
    private readonly registry: CrdRegistry,
  ) {}

  /** Before admission: refuses a create in a terminating namespace. Returns whether the namespace exists. */
  async admitCreate(scope: RequestScope, name: string | undefined): Promise<boolean> {
    const key = this.namespaceKey(scope);
    if (!key) return true;
    const kv = await this.store.get(key);
    if (kv && isTerminating(decode(kv))) throw terminatingForbidden(scope, name, scope.namespace!);
    return kv !== undefined;
  }

  /** Before storing a create: provisions the namespace when `admitCreate` found none. */
  async ensure(scope: RequestScope, options: ResolvedWriteOptions, exists: boolean): Promise<void> {
    const key = this.namespaceKey(scope);
    if (!key || exists || options.dryRun) return;
    const name = scope.namespace!;
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: randomUUID(), creationTimestamp: rfc3339Now(), labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: [KUBERNETES_FINALIZER] },
      status: { phase: 'Active' },
    };
    await this.store.create(key, encode(namespace)).catch((error: unknown) => {
      if (!(error instanceof KeyExistsError)) throw error;
    });
  }

  private namespaceKey(scope: RequestScope): string | undefined {
    if (scope.definition.scope !== 'Namespaced' || !scope.namespace) return undefined;
    const definition = this.registry.resolve('', 'v1', 'namespaces');
    return definition ? objectKey(definition, undefined, scope.namespace) : undefined;
  }
}
