import { Injectable } from '@nestjs/common';
import { KubeObject } from '@app/api-machinery';
import { EVENTS_RESOURCE } from '@app/events';
import { APPLICATION_RESOURCE } from '@app/reconciler';
import { ChangeFeed, ResourceChange, ResourceClient, ResourceClientFactory, ResourceRef } from '@app/resources';
import { defer, merge, Observable, Subscription, switchMap } from 'rxjs';

/** A watch that ends sooner than this is reopened after this long (no hot loop against a closing server). */
const REOPEN_DELAY_MS = 1000;

/**
 * The ChangeFeed of cluster mode (what `/watch`, the dashboard and the WatchHub read): the
 * cluster's Applications and core Events, from kube-apiserver watches across all namespaces.
 * A change's `revision` is its resourceVersion (etcd's revision, shared by every resource).
 * `changes(n)` resumes after revision n; `changes()` starts at the current revision (live only).
 * A watch the server ends is reopened from the last resourceVersion seen, so the stream never
 * completes on its own; it errors with ExpiredError when the revision is compacted (consumers
 * relist) and with the failure when a watch is refused or the connection breaks.
 */
@Injectable()
export class ClusterChangeFeed extends ChangeFeed {
  static readonly RESOURCES: readonly ResourceRef[] = [APPLICATION_RESOURCE, EVENTS_RESOURCE];
  private readonly clients: ResourceClient[];

  constructor(clients: ResourceClientFactory) {
    super();
    this.clients = ClusterChangeFeed.RESOURCES.map((ref) => clients.client(ref));
  }

  changes(fromRevision?: number): Observable<ResourceChange> {
    return defer(async () => (fromRevision && fromRevision > 0 ? fromRevision : await this.currentRevision())).pipe(
      switchMap((revision) => merge(...this.clients.map((client) => follow(client, String(revision))))),
    );
  }

  /** The resourceVersion of a fresh (one-item) list of Applications. */
  async currentRevision(): Promise<number> {
    const list = await this.clients[0].list(undefined, { limit: 1 });
    return Number(list.metadata.resourceVersion ?? 0);
  }
}

/** Watches one resource from `resourceVersion`, reopening where it stopped when the server ends a watch. */
function follow(client: ResourceClient, resourceVersion: string): Observable<ResourceChange> {
  return new Observable<ResourceChange>((subscriber) => {
    let from = resourceVersion;
    let watch: Subscription | undefined;
    let timer: NodeJS.Timeout | undefined;
    const open = () => {
      const opened = Date.now();
      watch = client.watch(undefined, { resourceVersion: from, allowWatchBookmarks: true }).subscribe({
        next: (event) => {
          const object = event.object as KubeObject;
          const revision = object.metadata?.resourceVersion;
          if (revision) from = revision;
          if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
          subscriber.next({ type: event.type, resource: client.ref, object, revision: Number(revision ?? 0) });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          timer = setTimeout(open, Date.now() - opened < REOPEN_DELAY_MS ? REOPEN_DELAY_MS : 0);
        },
      });
    };
    open();
    return () => {
      clearTimeout(timer);
      watch?.unsubscribe();
    };
  });
}
