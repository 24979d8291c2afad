import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP forwarder in front of a server, for tests that need a client to be "disconnected" for a
 * while without it seeing an error: while held, new connections are accepted but not forwarded
 * (the client just waits); `release()` forwards them. Connections already forwarded are untouched.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private waiting: Socket[] = [];
  private holding = false;
  private readonly listeners = new Set<() => void>();
  /** Connections forwarded so far. */
  forwarded = 0;
  /** The request target (`/apis/...?watch=true&...`) of the first request on each forwarded connection. */
  readonly requests: string[] = [];

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Connections accepted while held and not yet forwarded. */
  get held(): number {
    return this.waiting.length;
  }

  hold(): void {
    this.holding = true;
  }

  /** Resolves once at least `count` connections are waiting. */
  waitForHeld(count = 1): Promise<void> {
    return this.until(() => this.waiting.length >= count);
  }

  /** Resolves once `count` forwarded requests match `predicate`. */
  waitForRequests(predicate: (target: string) => boolean, count: number): Promise<void> {
    return this.until(() => this.requests.filter(predicate).length >= count);
  }

  private until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
      check();
    });
  }

  release(): void {
    this.holding = false;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((client) => this.forward(client));
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (!this.holding) return this.forward(client);
    this.waiting.push(client);
    this.changed();
  }

  private forward(client: Socket): void {
    if (client.destroyed) return;
    this.forwarded++;
    client.once('data', (chunk: Buffer) => {
      const target = /^[A-Z]+ (\S+) HTTP\//.exec(chunk.toString('latin1'));
      if (target) this.requests.push(target[1]);
      this.changed();
    });
    const upstream = this.track(createConnection({ host: '127.0.0.1', port: this.targetPort }));
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}
