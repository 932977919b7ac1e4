/**
 * The one HTTP port RoomOps serves: `GET /livez`, `GET /readyz` (= `/healthz`),
 * `GET /metrics` (only with a registry), and the platforms' request listeners
 * (`POST /slack/events` in Slack HTTP mode, `POST /discord/interactions` with
 * DISCORD_PUBLIC_KEY). Anything else is 404.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import type { Observer } from '../core/observer.js';
import { timeAck } from './ack-timer.js';
import type { Health } from './health.js';

export interface HttpRoutes {
  readiness(): Promise<Health>;
  metrics?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  slack?: RequestListener;
  discord?: RequestListener;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections; resolves once the requests still open have completed. */
  close(): Promise<void>;
  /** Drops every connection at once (after a drain that ran out of time). */
  abort(): void;
}

const READY_PATHS = new Set(['/readyz', '/healthz']);

export function createHttpServer(routes: HttpRoutes, logger: Logger, ackObserver?: Observer): HttpServer {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (ackObserver) timeAck(path, res, ackObserver);
    // While draining, platform requests still arriving (the load balancer has
    // not yet seen /readyz turn 503) are handled like any other; the Discord
    // adapter answers them with an ephemeral "restarting", as Discord wants a reply.
    if (path === '/slack/events' && routes.slack) return routes.slack(req, res);
    if (path === '/discord/interactions' && routes.discord) return routes.discord(req, res);
    if (req.method === 'GET' && path === '/livez') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}');
      return;
    }
    if (req.method === 'GET' && READY_PATHS.has(path)) {
      const health = await routes.readiness();
      res
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(health));
      return;
    }
    if (req.method === 'GET' && path === '/metrics' && routes.metrics) return routes.metrics(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  const server = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      logger.error(
        { err: error instanceof Error ? error.message : String(error), path: req.url },
        'HTTP request failed',
      );
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
    abort: () => {
      if (server.listening) server.close();
      server.closeAllConnections();
    },
  };
}
