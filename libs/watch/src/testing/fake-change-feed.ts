import { Observable, Subject, concat, defer, from, throwError } from 'rxjs';
import { ExpiredError, KubeObject } from '@app/api-machinery';
import { ChangeFeed, ResourceChange, ResourceRef } from '@app/resources';

export const APPLICATIONS: ResourceRef = { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };
export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

/** An in-memory ChangeFeed for tests: a history, a compaction point and a live Subject. */
export class FakeChangeFeed extends ChangeFeed {
  readonly history: ResourceChange[] = [];
  compactedRevision = 0;
  liveSubscriptions = 0;
  private revision = 0;
  private live = new Subject<ResourceChange>();

  changes(fromRevision?: number): Observable<ResourceChange> {
    return defer(() => {
      this.liveSubscriptions += fromRevision ? 0 : 1;
      if (fromRevision && fromRevision < this.compactedRevision) {
        return throwError(() => new ExpiredError(`too old resource version: ${fromRevision} (${this.compactedRevision})`));
      }
      const replay = fromRevision ? this.history.filter((change) => change.revision > fromRevision) : [];
      return concat(from(replay), this.live.asObservable());
    });
  }

  currentRevision(): Promise<number> {
    return Promise.resolve(this.revision);
  }

  /** Records a change at the next revision and delivers it live. */
  emit(type: ResourceChange['type'], resource: ResourceRef, object: KubeObject): ResourceChange {
    const revision = ++this.revision;
    const change: ResourceChange = {
      type,
      resource,
      revision,
      object: { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } },
    };
    this.history.push(change);
    this.live.next(change);
    return change;
  }

  /** Fails every current live subscriber; later subscribers get a fresh live stream. */
  fail(error: Error): void {
    const failed = this.live;
    this.live = new Subject<ResourceChange>();
    failed.error(error);
  }

  complete(): void {
    this.live.complete();
  }
}

/** An Application object (metadata only plus a small spec). */
export function application(namespace: string, name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'cloudnative.elide.dev/v1',
    kind: 'Application',
    metadata: { namespace, name, labels, uid: `uid-${namespace}-${name}` },
    spec: { image: 'nginx:1.27', replicas: 1 },
    ...extra,
  };
}

/** A core v1 Event about an object. */
export function coreEvent(namespace: string, name: string, involved: { kind: string; name: string; namespace?: string }, reason = 'Reconciled'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { namespace, name },
    involvedObject: { apiVersion: 'cloudnative.elide.dev/v1', namespace, ...involved },
    reason,
    type: 'Normal',
    message: `${reason} ${involved.name}`,
  };
}
