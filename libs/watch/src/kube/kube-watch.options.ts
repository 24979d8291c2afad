import { ResourceWatchEvent } from '@app/resources';
import { KubeWatchDefaults } from '../watch-module-options.interface.js';

/** How one Kubernetes watch response (`?watch=true`) is framed. */
export interface KubeWatchOptions extends KubeWatchDefaults {
  /** Kind and apiVersion of the watched resource, for BOOKMARK objects (`Application`, `cloudnative.elide.dev/v1`). */
  kind: string;
  apiVersion: string;
  /** End the response cleanly after this many seconds (client-go then re-watches); absent or 0: no limit. */
  timeoutSeconds?: number;
  /** Send BOOKMARK events (periodically, and before a timeout ends the stream); others are dropped. */
  allowWatchBookmarks?: boolean;
  /**
   * The resourceVersion periodic bookmarks carry. It must be a revision this watch has already
   * seen everything up to (the watch source's progress, not merely the store's newest write),
   * or a client resuming from it could skip an event still in flight. Without it, bookmarks
   * carry the resourceVersion of the last event sent.
   */
  currentResourceVersion?: () => string | undefined;
  /** Applied to ADDED, MODIFIED and DELETED events before they are written (e.g. one-row Tables for `as=Table`). */
  transform?: (event: ResourceWatchEvent) => ResourceWatchEvent;
  /** Response Content-Type; default `application/json`. */
  contentType?: string;
}
