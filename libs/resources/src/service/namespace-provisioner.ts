import { randomUUID } from 'node:crypto';
import { rfc3339Now } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { KeyExistsError, Store } from '@app/storage';
import { encode } from '../storage/codec.js';
import { objectKey } from '../storage/keys.js';
import { ResolvedWriteOptions, RequestScope } from './request-scope.js';

/**
 * Namespaces come into being when first used: creating an object in namespace `x` creates the
 * Namespace `x` if it is missing, so `kubectl get ns` and `-A` show the namespaces in use.
 * Idempotent and safe under concurrent creators.
 */
export class NamespaceProvisioner {
  private readonly known = new Set<string>();

  constructor(private readonly store: Store, private readonly registry: CrdRegistry) {}

  async ensure(scope: RequestScope, options: ResolvedWriteOptions): Promise<void> {
    const name = scope.namespace;
    if (scope.definition.scope !== 'Namespaced' || !name || options.dryRun || this.known.has(name)) return;
    const definition = this.registry.resolve('', 'v1', 'namespaces');
    if (!definition) return;
    const key = objectKey(definition, undefined, name);
    if (!(await this.store.get(key))) {
      const namespace = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, uid: randomUUID(), creationTimestamp: rfc3339Now(), labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      };
      await this.store.create(key, encode(namespace)).catch((error: unknown) => {
        if (!(error instanceof KeyExistsError)) throw error;
      });
    }
    this.known.add(name);
  }

  /** Forget a namespace (after it is deleted) so the next use recreates it. */
  forget(name: string): void {
    this.known.delete(name);
  }
}
