import { Observable } from 'rxjs';
import { KubeObject } from '@app/api-machinery';
import { ResourceRef } from '../client/resource-client.js';

/** One change to any served resource, decoded (objects in their storage version). */
export interface ResourceChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceRef;
  /** With apiVersion, kind and metadata.resourceVersion set (for DELETED: the last state, at the deletion's revision). */
  object: KubeObject;
  /** The global store revision of this change (= object.metadata.resourceVersion as a number). */
  revision: number;
}

/**
 * Every change to every served resource, in global revision order: replays the history after
 * `fromRevision` (0 or absent: only live changes from now), then follows live changes from this
 * and other processes sharing the store. Errors with ExpiredError (410) when `fromRevision` is
 * older than the compacted history. Unsubscribing releases everything.
 */
export abstract class ChangeFeed {
  abstract changes(fromRevision?: number): Observable<ResourceChange>;
  /** The newest revision, to resume from ("now"). */
  abstract currentRevision(): Promise<number>;
}
