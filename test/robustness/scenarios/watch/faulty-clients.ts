import { connect, Socket } from 'node:net';
import { sleep } from '../../support/time.js';

const watchPaths = (namespace: string) => [`/watch?namespace=${namespace}`, `/apis/cloudnative.elide.dev/v1/namespaces/${namespace}/applications?watch=true`];

function requestBytes(path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n`;
}

/**
 * Clients that connect and vanish: each opens a watch (SSE or Kubernetes, alternately) and
 * destroys its socket after a random 0-200 ms, some before the answer even starts. In batches.
 */
export async function vanishingClients(port: number, namespace: string, count: number, batch = 50): Promise<void> {
  const paths = watchPaths(namespace);
  for (let done = 0; done < count; done += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - done) }, (_, i) => new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(requestBytes(paths[(done + i) % 2])));
      socket.on('error', () => undefined);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, Math.random() * 200);
    })));
  }
}

/**
 * Clients that never read: raw sockets that send a watch request and then stop reading, so the
 * kernel buffers fill and the server's writes back up. `close()` destroys them.
 */
export class NonReadingClients {
  private readonly sockets: Socket[] = [];

  async open(port: number, namespace: string, count: number): Promise<void> {
    const paths = watchPaths(namespace);
    await Promise.all(Array.from({ length: count }, (_, i) => new Promise<void>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => {
        socket.write(requestBytes(paths[i % 2]));
        socket.pause();
        resolve();
      });
      // A small receive buffer, so the server's side backs up after little data.
      socket.on('error', () => undefined);
      this.sockets.push(socket);
    })));
    await sleep(200);
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}
