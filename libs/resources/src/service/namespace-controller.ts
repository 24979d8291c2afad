import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConflictError, KubeObject, NotFoundError } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { Subscription } from 'rxjs';
import { isTerminating, KUBERNETES_FINALIZER, pendingFinalizers } from './namespace-lifecycle.js';
import { RequestScope } from './request-scope.js';
import { ResourceService } from './resource.service.js';

/** While a namespace waits (objects with finalizers), it is looked at again this often. */
const RESYNC_MS = 1_000;

/**
 * kube's namespace controller: empties every terminating Namespace (deletes each namespaced
 * object in it, of every served resource; objects with finalizers get a deletionTimestamp and
 * are waited for), then removes the `kubernetes` finalizer from `spec.finalizers`, which
 * removes the Namespace. Woken by a watch on Namespaces, and every second while one waits.
 * Runs on every replica: each step is idempotent (deletes tolerate NotFound, the finalizer is
 * removed with compare-and-swap), so replicas racing only repeat work; one pass at a time here.
 */
@Injectable()
export class NamespaceController implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NamespaceController.name);
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly resources: ResourceService,
    private readonly registry: CrdRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const scope = this.namespaceScope();
    if (!scope) return;
    this.subscription = this.resources.watch(scope).subscribe({
      next: (event) => {
        if ((event.type === 'ADDED' || event.type === 'MODIFIED') && isTerminating(event.object as KubeObject)) this.kick();
      },
      error: (error: unknown) => this.logger.warn(`namespace watch ended: ${(error as Error)?.message ?? String(error)}; polling instead`),
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.timer);
  }

  /** One pass over the terminating namespaces; resolves with how many still wait. Never rejects. */
  sync(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.syncAll()
      .catch((error: unknown) => {
        this.logger.warn(`namespace cleanup failed: ${(error as Error)?.message ?? String(error)}`);
        return 1;
      })
      .finally(() => (this.running = undefined));
    return this.running.then((waiting) => {
      if (this.again) {
        this.again = false;
        this.kick();
      } else if (waiting > 0) this.schedule();
      return waiting;
    });
  }

  private kick(): void {
    if (!this.stopped) void this.sync();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), RESYNC_MS);
    this.timer.unref();
  }

  private async syncAll(): Promise<number> {
    const scope = this.namespaceScope();
    if (!scope) return 0;
    let waiting = 0;
    for (const namespace of (await this.resources.list(scope)).items) {
      if (isTerminating(namespace) && !(await this.finalize(scope, namespace))) waiting += 1;
    }
    return waiting;
  }

  /** Empties one namespace; true once it is gone (or being removed by its own finalizers). */
  private async finalize(scope: RequestScope, namespace: KubeObject): Promise<boolean> {
    const name = namespace.metadata!.name!;
    let remaining = 0;
    for (const content of this.contentScopes(name)) remaining += await this.deleteAll(content);
    if (remaining > 0) return false;
    const finalizers = ((namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);
    const next = { ...namespace, spec: { ...(namespace.spec as object), finalizers } };
    return this.resources.update(scope, name, next).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundError) return true;
        if (error instanceof ConflictError) return false;
        throw error;
      },
    );
  }

  /** Deletes what is listed; returns how many objects stay (finalizers pending). */
  private async deleteAll(scope: RequestScope): Promise<number> {
    let remaining = 0;
    for (const object of (await this.resources.list(scope)).items) {
      const deleted = object.metadata?.deletionTimestamp
        ? { object }
        : await this.resources.delete(scope, object.metadata!.name!).catch(ignore(NotFoundError, ConflictError));
      if (deleted?.object.metadata?.deletionTimestamp && pendingFinalizers(scope, deleted.object).length > 0) remaining += 1;
    }
    return remaining;
  }

  private contentScopes(namespace: string): RequestScope[] {
    return this.registry
      .all()
      .filter((definition) => definition.scope === 'Namespaced')
      .flatMap((definition) => {
        const version = definition.versions.find((v) => v.served);
        return version ? [this.resources.scope({ group: definition.group, version: version.name, resource: definition.plural }, namespace)] : [];
      });
  }

  private namespaceScope(): RequestScope | undefined {
    return this.registry.resolve('', 'v1', 'namespaces') ? this.resources.scope({ group: '', version: 'v1', resource: 'namespaces' }) : undefined;
  }
}

/** A catch handler that swallows the given (expected, raced) errors and rethrows others. */
function ignore(...types: (abstract new (...args: never[]) => Error)[]) {
  return (error: unknown): undefined => {
    if (types.some((type) => error instanceof type)) return undefined;
    throw error;
  };
}
