import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { OperatorConfig } from '@app/config';
import { apiRouteShortcut } from './http/api-route-shortcut.js';
import { bodyMiddleware } from './http/body.middleware.js';
import { InFlightRequests } from './http/in-flight.js';
import { chainMiddlewares } from './http/middleware-chain.js';
import { createLogger } from './http/logger.js';
import { StatusExceptionFilter } from './http/status-exception.filter.js';
import { HealthService } from './observability/health/health.service.js';
import { HttpMetricsMiddleware } from './observability/metrics/http-metrics.middleware.js';
import { KUBE_API_ROUTES } from './kube/kube-api.controller.js';
import { OperatorModule } from './operator.module.js';
import { securityMiddlewares } from './security/security-gate.js';
import { startWebhookServer } from './admission/webhook-server.js';
import { TlsManager } from '@app/admission';
import { setupDocs } from './docs/docs.setup.js';

/** A started operator: its Nest app, the URL it serves on, and an idempotent graceful stop. */
export interface RunningOperator {
  app: NestExpressApplication;
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight requests (up to SHUTDOWN_TIMEOUT_MS), then closes everything. */
  shutdown(signal?: string): Promise<void>;
}

/** Builds and starts the operator from a validated configuration (main.ts and the e2e tests share this). */
export async function startOperator(config: OperatorConfig): Promise<RunningOperator> {
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(OperatorModule.forRoot(config), { bodyParser: false, logger, abortOnError: false });
  const inFlight = new InFlightRequests();
  app.disable('x-powered-by');
  app.set('etag', false);
  // One router layer for every middleware that runs on each request, in this order.
  app.use(
    chainMiddlewares(
      inFlight.middleware,
      app.get(HttpMetricsMiddleware).handle,
      ...securityMiddlewares(app), // authentication, audit, max in flight, authorization, deadline: before the body is read
      bodyMiddleware,
      apiRouteShortcut(app.getHttpAdapter().getInstance(), KUBE_API_ROUTES), // /api and /apis straight to their routes when nothing registered earlier can match
    ),
  );
  app.useGlobalFilters(new StatusExceptionFilter());
  setupDocs(app); // Swagger UI at /docs, OpenAPI 3 at /docs-json: before listen, so its routes precede the not-found handler
  await app.listen(config.PORT, config.HOST);
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const webhooks = await startWebhookServer(app.getHttpAdapter().getInstance(), app.get(TlsManager), { host: config.HOST, port: config.WEBHOOK_PORT });
  if (webhooks) logger.log(`serving webhooks over HTTPS on port ${webhooks.port}`, 'Bootstrap');
  const health = app.get(HealthService);
  health.markStarted();
  const where = config.MODE === 'cluster' ? 'mode: cluster' : `storage: ${config.STORAGE}${config.STORAGE === 'sqlite' ? `, data: ${config.DATA_DIR}` : ''}`;
  logger.log(`serving on http://${config.HOST}:${port} (${where})`, 'Bootstrap');
  let stopping: Promise<void> | undefined;
  const shutdown = (signal?: string) =>
    (stopping ??= (async () => {
      logger.log(`shutting down${signal ? ` on ${signal}` : ''}`, 'Bootstrap');
      health.markShuttingDown();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await inFlight.drained(config.SHUTDOWN_TIMEOUT_MS);
      // What is left are watches and idle keep-alive sockets: cut them so close() does not wait.
      server.closeAllConnections();
      await app.close();
      await closed;
    })());
  return { app, url: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`, port, shutdown };
}
