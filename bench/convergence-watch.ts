import { Subscription } from 'rxjs';
import type { KubeObject } from '@app/api-machinery';
import type { ResourceClient } from '@app/resources';

type App = KubeObject & { spec?: { replicas?: number }; status?: { phase?: string; observedGeneration?: number; readyReplicas?: number } };

/** Running at its current generation with every desired replica ready. */
function isRunning(app: App): boolean {
  const status = app.status;
  return status?.phase === 'Running' && status.observedGeneration === app.metadata?.generation && status.readyReplicas === (app.spec?.replicas ?? 1);
}

/**
 * Follows one namespace's Applications through a watch (from a list's resourceVersion) and
 * counts those Running; `allRunning(n)` resolves once n are. Fails on a watch error.
 */
export class ConvergenceWatch {
  private readonly runningNames = new Set<string>();
  private subscription?: Subscription;
  private waiter?: { n: number; resolve: () => void; reject: (error: Error) => void };
  private failure?: Error;

  static async start(client: ResourceClient, namespace: string): Promise<ConvergenceWatch> {
    const watch = new ConvergenceWatch();
    const list = await client.list(namespace);
    for (const item of list.items) watch.observe(item as App);
    watch.subscription = client.watch(namespace, { resourceVersion: list.metadata?.resourceVersion }).subscribe({
      next: (event) => {
        if (event.type === 'ERROR') return watch.fail(new Error(`watch error: ${JSON.stringify(event.object)}`));
        if (event.type === 'DELETED') watch.runningNames.delete((event.object as App).metadata?.name ?? '');
        else if (event.type !== 'BOOKMARK') watch.observe(event.object as App);
      },
      error: (error: unknown) => watch.fail(error instanceof Error ? error : new Error(String(error))),
    });
    return watch;
  }

  get running(): number {
    return this.runningNames.size;
  }

  allRunning(n: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.running >= n) return Promise.resolve();
    return new Promise((resolve, reject) => (this.waiter = { n, resolve, reject }));
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private observe(app: App): void {
    const name = app.metadata?.name ?? '';
    if (isRunning(app)) this.runningNames.add(name);
    else this.runningNames.delete(name);
    if (this.waiter && this.running >= this.waiter.n) this.waiter.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiter?.reject(error);
  }
}
