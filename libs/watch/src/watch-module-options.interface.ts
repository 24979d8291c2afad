/** Limits that bound what one slow client can cost the process. */
export interface WriteLimits {
  /** Unsent text above which a client is dropped: what the response and socket buffer (res.writableLength) plus what waits for this turn's write. */
  maxBufferedBytes: number;
  /** Dropped when write() returned false and 'drain' did not follow within this time. */
  drainTimeoutMs: number;
}

/** Server-Sent Events (`GET /watch`) settings. */
export interface SseOptions extends Partial<WriteLimits> {
  /** `: heartbeat` comment interval; 0 disables. Default 15 s. */
  heartbeatIntervalMs?: number;
  /** `retry:` hint sent first; 0 omits it. Default 2 s. */
  retryMs?: number;
  /** After `event: dropped`, grace before the socket is destroyed. Default 1 s. */
  dropGraceMs?: number;
}

/** Defaults for Kubernetes watch responses; each `serve()` call may override them. */
export interface KubeWatchDefaults extends Partial<WriteLimits> {
  /** Blank-line keepalive interval; 0 disables. Default 30 s. */
  keepaliveIntervalMs?: number;
  /** BOOKMARK interval when the client allows bookmarks. Default 60 s. */
  bookmarkIntervalMs?: number;
}

/** Options of WatchModule.register(); every field is optional. */
export interface WatchModuleOptions {
  sse?: SseOptions;
  kube?: KubeWatchDefaults;
  /** Delay before the hub re-subscribes after the live change feed errored. Default 1 s. */
  hubReconnectDelayMs?: number;
}
