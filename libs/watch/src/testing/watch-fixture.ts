import type { IncomingMessage, ServerResponse } from 'node:http';
import { WatchHub } from '../hub/watch-hub.js';
import { WatchModuleOptions } from '../watch-module-options.interface.js';
import { FakeChangeFeed } from './fake-change-feed.js';
import { startServer } from './http-harness.js';
import { watchMetrics } from './test-metrics.js';

/** A hub over a fake feed, fresh metrics and a real HTTP server whose handler the test sets. */
export async function watchFixture(options: WatchModuleOptions = {}) {
  const feed = new FakeChangeFeed();
  const metrics = watchMetrics();
  const hub = new WatchHub(feed, options, metrics.clients);
  hub.onModuleInit();
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = await startServer((req, res) => handler(req, res));
  return {
    feed,
    hub,
    metrics,
    url: server.url,
    handle(next: (req: IncomingMessage, res: ServerResponse) => void) {
      handler = next;
    },
    async close() {
      hub.onModuleDestroy();
      await server.close();
    },
  };
}
