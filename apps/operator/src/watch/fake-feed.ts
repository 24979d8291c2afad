import { concat, defer, from, Observable, Subject } from 'rxjs';
import { ChangeFeed, ResourceChange } from '@app/resources';

/** An in-memory ChangeFeed for the watch endpoint's tests: it counts its open subscriptions. */
export class FakeFeed extends ChangeFeed {
  liveSubscriptions = 0;
  replaySubscriptions = 0;
  private revision = 0;
  private readonly history: ResourceChange[] = [];
  private readonly live = new Subject<ResourceChange>();

  changes(fromRevision?: number): Observable<ResourceChange> {
    return new Observable<ResourceChange>((subscriber) => {
      const counter = fromRevision ? 'replaySubscriptions' : 'liveSubscriptions';
      this[counter]++;
      const replay = fromRevision ? this.history.filter((change) => change.revision > fromRevision) : [];
      const subscription = concat(from(replay), defer(() => this.live)).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this[counter]--;
      };
    });
  }

  currentRevision(): Promise<number> {
    return Promise.resolve(this.revision);
  }

  /** Writes an Application change at the next revision; returns the revision. */
  emitApplication(name: string): number {
    const revision = ++this.revision;
    const change: ResourceChange = {
      type: 'ADDED',
      resource: { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' },
      revision,
      object: { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { namespace: 'default', name, resourceVersion: String(revision) }, spec: { image: 'nginx:1.27' } },
    };
    this.history.push(change);
    this.live.next(change);
    return revision;
  }
}
