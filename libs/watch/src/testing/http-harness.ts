import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A real HTTP server on port 0 whose handler the test supplies. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A streaming client: collects the body text and lets a test await what it expects. */
export class StreamClient {
  text = '';
  ended = false;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly response: IncomingMessage,
    private readonly request: http.ClientRequest,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.push(chunk));
    response.on('end', () => this.finish());
    response.on('close', () => this.finish());
    response.on('error', () => this.finish());
  }

  /** Resolves once the response headers arrived. */
  static open(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers, agent: false }, (response) => resolve(new StreamClient(response, request)));
      request.on('error', reject);
    });
  }

  /** Stops reading (the server's buffers fill up). */
  pause(): void {
    this.response.pause();
  }

  /** Drops the connection from the client side. */
  destroy(): void {
    this.request.destroy();
  }

  /** Resolves when `predicate(text)` holds (checked on every chunk), or rejects when the stream ended first. */
  until(predicate: (text: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.text)) resolve(this.text);
        else if (this.ended) reject(new Error(`stream ended before the expected content; got:\n${this.text.slice(0, 2000)}`));
        else this.waiters.push(check);
      };
      check();
    });
  }

  /** Resolves when the response ended. */
  closed(): Promise<string> {
    return this.until(() => this.ended).catch(() => this.text);
  }

  private push(chunk: string): void {
    this.text += chunk;
    this.wake();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((waiter) => waiter());
  }
}
