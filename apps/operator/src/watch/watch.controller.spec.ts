import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { MetricsModule } from '@app/metrics';
import { WatchHub, WatchModule } from '@app/watch';
import { ChangeFeed } from '@app/resources';
import { StatusExceptionFilter } from '../http/status-exception.filter.js';
import { FakeFeed } from './fake-feed.js';
import { WatchController } from './watch.controller.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const feed = new FakeFeed();

@Module({ providers: [{ provide: ChangeFeed, useValue: feed }], exports: [ChangeFeed] })
class FakeFeedModule {}

@Module({
  imports: [MetricsModule, WatchModule.register({ imports: [FakeFeedModule], sse: { heartbeatIntervalMs: 0 } })],
  controllers: [WatchController],
})
class TestWatchModule {}

/** An SSE client on `/watch`: `until(text)` resolves once the stream has shown `text`. */
interface Client {
  request: http.ClientRequest;
  until(expected: string): Promise<void>;
}

function open(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let text = '';
      let waiters: Array<() => void> = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        const pending = waiters;
        waiters = [];
        pending.forEach((check) => check());
      });
      response.on('error', () => undefined);
      const until = (expected: string) =>
        new Promise<void>((done) => {
          const check = () => (text.includes(expected) ? done() : waiters.push(check));
          check();
        });
      resolve({ request, until });
    });
    request.on('error', reject);
  });
}

async function openUntil(url: string, expected: string): Promise<Client> {
  const client = await open(url);
  await client.until(expected);
  return client;
}

const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe(WatchController.name, () => {
  let app: NestExpressApplication;
  let url: string;
  let hub: WatchHub;

  before(async () => {
    app = await NestFactory.create<NestExpressApplication>(TestWatchModule, { logger: false });
    app.useGlobalFilters(new StatusExceptionFilter());
    await app.listen(0, '127.0.0.1');
    const address = (app.getHttpServer() as http.Server).address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
    hub = app.get(WatchHub);
  });

  after(async () => {
    await app.close();
  });

  /** Resolves once no SSE client holds a subscription; fails after 10 s (a leak). */
  const allReleased = () => firstValueFrom(hub.clients$.pipe(filter((counts) => counts.sse === 0), timeout({ first: 10_000 })));

  /**
   * Opens `count` clients in batches (half live from now, half resumed from the newest
   * revision), delivers one change to every client of a batch, then drops them all.
   */
  async function churn(count: number, batch: number): Promise<number> {
    let peak = 0;
    for (let opened = 0; opened < count; opened += batch) {
      const newest = await feed.currentRevision();
      const clients = await Promise.all(
        Array.from({ length: batch }, (_, i) => openUntil(`${url}/watch?include=events${i % 2 ? `&resourceVersion=${newest}` : ''}`, 'event: ready')),
      );
      peak = Math.max(peak, hub.clientCount('sse'));
      const revision = feed.emitApplication(`app-${opened}`);
      await Promise.all(clients.map((client) => client.until(`id: ${revision}\nevent: ADDED`)));
      clients.forEach((client) => client.request.destroy());
      await allReleased();
    }
    return peak;
  }

  it('streams changes over GET /watch and answers bad parameters with a 400 Status', async () => {
    const response = await fetch(`${url}/watch?labelSelector=tier%20in%20(web`);
    assert.equal(response.status, 400);
    const status = (await response.json()) as { kind: string; reason: string };
    assert.deepEqual([status.kind, status.reason], ['Status', 'BadRequest']);
    const client = await openUntil(`${url}/watch?kind=Application`, 'event: ready');
    const revision = feed.emitApplication('web');
    await client.until(`id: ${revision}\nevent: ADDED\ndata: {"type":"ADDED","kind":"Application","object":{`);
    client.request.destroy();
    await allReleased();
  });

  it('opens and drops 1,000 SSE clients: the subscriber count and the heap return to baseline', async () => {
    await churn(100, 50);
    const baseline = heapUsed();
    const peak = await churn(1_000, 50);
    await allReleased();
    const growth = heapUsed() - baseline;
    assert.equal(peak, 50);
    assert.equal(hub.clientCount('sse'), 0);
    assert.equal(feed.liveSubscriptions, 1);
    assert.equal(feed.replaySubscriptions, 0);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /^watch_clients\{kind="sse"\} 0$/m);
    assert.ok(growth < 4 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MiB after 1,000 clients`);
  });
});
