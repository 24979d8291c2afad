import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ClientKind, openClients, Receipts, WatchClient } from './watch-clients.js';

type Request = { type: 'open'; urls: string[]; kind: ClientKind; count: number } | { type: 'delivered' } | { type: 'finish'; expectedPerClient: number };
type Reply = { type: 'opened' } | { type: 'delivered'; delivered: number } | { type: 'finished'; latencies: Float64Array; shortClients: number };

/**
 * Watch clients in a worker thread, so reading 50k events/s never delays the writer's schedule
 * or its acknowledgement timestamps on the main thread. One request at a time.
 */
export class ClientWorker {
  private readonly worker = new Worker(new URL(import.meta.url));

  private request<T extends Reply['type']>(message: Request, reply: T): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (answer: Reply) => {
        this.worker.off('error', onError);
        if (answer.type !== reply) reject(new Error(`expected ${reply}, got ${answer.type}`));
        else resolve(answer as Extract<Reply, { type: T }>);
      });
      this.worker.postMessage(message);
    });
  }

  /** Opens `count` clients spread round-robin over `urls`; resolves when every stream is established. */
  async open(urls: string[], kind: ClientKind, count: number): Promise<void> {
    await this.request({ type: 'open', urls, kind, count }, 'opened');
  }

  async delivered(): Promise<number> {
    return (await this.request({ type: 'delivered' }, 'delivered')).delivered;
  }

  /** Closes the clients; the latencies (ms) and how many clients got fewer than expected. */
  async finish(expectedPerClient: number): Promise<{ latencies: Float64Array; shortClients: number }> {
    const { latencies, shortClients } = await this.request({ type: 'finish', expectedPerClient }, 'finished');
    return { latencies, shortClients };
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

function serve(): void {
  const receipts = new Receipts();
  let clients: WatchClient[] = [];
  const reply = (message: Reply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
  parentPort!.on('message', (message: Request) => {
    if (message.type === 'open') {
      void openClients(message.count, message.urls, message.kind, receipts).then((opened) => {
        clients = opened;
        reply({ type: 'opened' });
      });
    } else if (message.type === 'delivered') {
      reply({ type: 'delivered', delivered: receipts.delivered });
    } else {
      clients.forEach((client) => client.close());
      const latencies = Float64Array.from(receipts.latenciesMs);
      reply({ type: 'finished', latencies, shortClients: receipts.shortClients(clients.length, message.expectedPerClient) }, [latencies.buffer]);
    }
  });
}

if (!isMainThread) serve();
