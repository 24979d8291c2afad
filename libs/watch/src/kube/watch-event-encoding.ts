import { InternalError, KubeObject, Status, StatusError } from '@app/api-machinery';
import { ResourceWatchEvent } from '@app/resources';

/** One NDJSON line: `{"type":...,"object":...}\n`, as kube-apiserver's JSON watch encoding. */
export function encodeWatchEvent(event: ResourceWatchEvent): string {
  return `${JSON.stringify({ type: event.type, object: event.object })}\n`;
}

/**
 * The EncodingCache key of a watch event's NDJSON line when its bytes are fixed by the object's
 * identity: ADDED, MODIFIED or DELETED of a stored object (uid and resourceVersion set), in the
 * apiVersion it was converted to. In the store one uid at one resourceVersion is one stored
 * text, decoded and converted the same way for every watcher. Undefined for anything else
 * (bookmarks, errors, objects without uid or resourceVersion): those are encoded per client.
 */
export function watchEventKey(event: ResourceWatchEvent): string | undefined {
  if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return undefined;
  const { apiVersion, kind, metadata } = event.object as KubeObject;
  const uid = metadata?.uid;
  const resourceVersion = metadata?.resourceVersion;
  if (!uid || !resourceVersion || typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return `k8s ${event.type} ${apiVersion} ${kind} ${metadata.namespace ?? ''}/${metadata.name ?? ''} ${uid} ${resourceVersion}`;
}

/** A BOOKMARK event: only kind, apiVersion and metadata.resourceVersion are meaningful. */
export function bookmarkEvent(kind: string, apiVersion: string, resourceVersion: string): ResourceWatchEvent {
  return { type: 'BOOKMARK', object: { kind, apiVersion, metadata: { resourceVersion } } };
}

/** The Status an ERROR event carries: a StatusError's own (410 Expired, ...), else 500 InternalError. */
export function errorStatus(error: unknown): Status {
  if (error instanceof StatusError) return error.toStatus();
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(message).toStatus();
}

/** Whether `error` is a 410 (a resourceVersion older than the compacted history). */
export function isExpired(error: unknown): boolean {
  return error instanceof StatusError && error.code === 410;
}

/** The newer of two resourceVersions when both are decimal revisions; otherwise `candidate`. */
export function newerResourceVersion(current: string | undefined, candidate: string): string {
  if (current === undefined || !/^\d+$/.test(current) || !/^\d+$/.test(candidate)) return candidate;
  return BigInt(candidate) >= BigInt(current) ? candidate : current;
}
