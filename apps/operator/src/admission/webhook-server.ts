import { createServer, Server } from 'node:https';
import { RequestListener } from 'node:http';
import { AddressInfo } from 'node:net';
import { Subscription } from 'rxjs';
import { TlsManager } from '@app/admission';

/** A running HTTPS server for the webhooks (and every other route of the app). */
export interface WebhookServer {
  readonly server: Server;
  /** The bound port (useful when started on port 0). */
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then resolves. */
  close(): Promise<void>;
}

export interface WebhookServerOptions {
  /** Defaults to the TLS manager's `webhookPort`. */
  port?: number;
  host?: string;
  /** How long in-flight requests get on close before their connections are cut; default 5 s. */
  closeGraceMs?: number;
}

/**
 * Serves `listener` (the Nest app's Express instance: `app.getHttpAdapter().getInstance()`)
 * over HTTPS with the TLS manager's certificate, switching to each new certificate for new
 * connections without a restart (`setSecureContext`). Returns undefined when TLS is off.
 * Closes by itself when the TLS manager is destroyed (the Nest app closing).
 */
export async function startWebhookServer(listener: RequestListener, tls: TlsManager, options: WebhookServerOptions = {}): Promise<WebhookServer | undefined> {
  const credentials = tls.current();
  if (!tls.enabled || !credentials) return undefined;
  const server = createServer({ cert: credentials.cert, key: credentials.key, minVersion: 'TLSv1.2' }, listener);
  let subscription: Subscription | undefined;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= shutdown(server, () => subscription?.unsubscribe(), options.closeGraceMs ?? 5000));
  subscription = tls.credentials$.subscribe({
    next: (next) => server.setSecureContext({ cert: next.cert, key: next.key }),
    complete: () => void close(),
  });
  if (closing) throw new Error('the webhook TLS manager has already shut down');
  try {
    await listen(server, options.port ?? tls.port, options.host);
  } catch (error) {
    subscription.unsubscribe();
    throw error;
  }
  return { server, port: (server.address() as AddressInfo).port, close };
}

function listen(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function shutdown(server: Server, unsubscribe: () => void, graceMs: number): Promise<void> {
  unsubscribe();
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
