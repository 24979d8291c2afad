/** Injection token of the WatchModule options. */
export const WATCH_MODULE_OPTIONS = 'WATCH_MODULE_OPTIONS';

/** Who holds a change-stream subscription: an SSE client (`/watch`) or a Kubernetes watch (`?watch=true`). */
export type WatchClientKind = 'sse' | 'k8s';
export const WATCH_CLIENT_KINDS: readonly WatchClientKind[] = ['sse', 'k8s'];

/** 4 MiB: the most a client may leave unread before it is dropped. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long a stalled socket (write() returned false) may go without 'drain' before it is dropped. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
/** kube-apiserver sends bookmarks about once a minute. */
export const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;
/** Blank-line keepalives on Kubernetes watches (client-go, client-node and the Python client skip them). */
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 30_000;
/** SSE `: heartbeat` comment interval, short enough for common proxy idle timeouts. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
/** SSE `retry:` sent to EventSource clients. */
export const DEFAULT_SSE_RETRY_MS = 2_000;
/** After the final `event: dropped`, how long a slow SSE client gets before its socket is destroyed. */
export const DEFAULT_DROP_GRACE_MS = 1_000;
/** Delay before the hub re-subscribes to the change feed after the live feed failed. */
export const DEFAULT_HUB_RECONNECT_DELAY_MS = 1_000;
