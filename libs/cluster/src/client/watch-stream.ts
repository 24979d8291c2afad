import { KubeObject, StatusError } from '@app/api-machinery';
import { ResourceWatchEvent, ResourceWatchEventType } from '@app/resources';
import { Watch } from '@kubernetes/client-node';
import { Observable } from 'rxjs';
import { isStatus, KubeConnectionError, statusErrorOf } from './status-errors.js';

/**
 * One kube-apiserver watch as an Observable, over client-node's Watch: each ADDED, MODIFIED,
 * DELETED or BOOKMARK line is emitted; an ERROR event, or a refused watch (HTTP 410, 403, ...),
 * errors with the StatusError it stands for (410 → ExpiredError, so informers relist); the
 * server ending the stream completes. A watch still open `deadlineMs` after it started (the
 * server was asked to end it sooner, so its connection is presumably dead: a restarted server,
 * a proxy that lost its upstream) is aborted and completes, so the caller watches again.
 * Unsubscribing aborts the request. Cold: each subscription opens its own watch. Never
 * retries (the informer decides).
 */
export function watchStream<T extends KubeObject>(watch: Watch, server: string, path: string, query: Record<string, string | undefined>, deadlineMs?: number): Observable<ResourceWatchEvent<T>> {
  return new Observable<ResourceWatchEvent<T>>((subscriber) => {
    let closed = false;
    let controller: AbortController | undefined;
    const deadline = deadlineMs ? setTimeout(() => {
      closed = true;
      controller?.abort();
      subscriber.complete();
    }, deadlineMs) : undefined;
    deadline?.unref();
    const onEvent = (type: string, object: unknown) => {
      if (closed) return;
      if (type === 'ERROR') subscriber.error(statusErrorOf(isStatus(object) ? (object.code ?? 500) : 500, object, 'the watch failed with an ERROR event'));
      else subscriber.next({ type: type as ResourceWatchEventType, object: object as T });
    };
    const onDone = (error: unknown) => {
      if (closed) return;
      if (error) subscriber.error(watchError(server, path, error));
      else subscriber.complete();
    };
    watch.watch(path, query, onEvent, onDone).then(
      (started) => {
        controller = started;
        if (closed) started.abort();
      },
      (error: unknown) => onDone(error ?? new Error('watch failed')),
    );
    return () => {
      closed = true;
      clearTimeout(deadline);
      controller?.abort();
    };
  });
}

/** client-node reports a refused watch as an Error with `statusCode` (the Status body is not kept). */
function watchError(server: string, path: string, error: unknown): Error {
  const code = (error as { statusCode?: unknown })?.statusCode;
  if (typeof code === 'number') return statusErrorOf(code, undefined, code === 410 ? `too old resource version (watch ${path})` : `watch ${path}: ${(error as Error).message}`);
  if (error instanceof StatusError) return error;
  return new KubeConnectionError(server, error);
}
