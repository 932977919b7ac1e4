/**
 * The server process: one HTTP port (`PORT`, default 3000) with `GET /livez`,
 * `GET /readyz` (= `/healthz`), `GET /metrics` and, when Slack runs in HTTP
 * mode, `POST /slack/events`; the configured platform adapters; the expiry
 * timer; and a graceful drain on SIGTERM/SIGINT (drain.ts): readiness 503 at
 * once, requests still arriving handled, in-flight work finished within
 * `ROOMOPS_SHUTDOWN_TIMEOUT_S`, background work's leases released, the
 * runtime closed, exit 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import type { RoomOpsMetrics } from '../metrics/prometheus-observer.js';
import type { Runtime } from '../runtime/types.js';
import { timeAck } from './ack-timer.js';
import { createAdapters, type ServedAdapter } from './adapters.js';
import { Deadline, shutdownTimeoutMs } from './drain.js';
import { startExpiryTimer } from './expiry.js';
import { checkHealth } from './health.js';
import { metricsHandler } from './metrics-endpoint.js';

export interface ServeOptions {
  runtime: Runtime;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Overrides `PORT` (0 = a free port, for tests). */
  port?: number;
  host?: string;
  /** How often overdue confirmations are expired (default 10 s). */
  expiryIntervalMs?: number;
  /** Install SIGTERM/SIGINT handlers that stop and exit (default true). */
  handleSignals?: boolean;
  /** The registry the runtime reports into; `/metrics` is served only with one. */
  metrics?: RoomOpsMetrics;
}

export interface RunningServer {
  url: string;
  port: number;
  adapters: readonly ServedAdapter[];
  /** Graceful stop; resolves when everything is closed (the runtime too). */
  stop(): Promise<void>;
}

const SLACK_PATH = '/slack/events';
const READY_PATHS = new Set(['/readyz', '/healthz']);
/** Closing the store and vendor pools after the drain gets this long before the process exits anyway. */
const CLOSE_BUDGET_MS = 5_000;
/** After a drain that timed out, vendor pools would wait for the abandoned calls: close briefly, then go. */
const CLOSE_AFTER_TIMEOUT_MS = 1_000;
const DISCORD_PATH = '/discord/interactions';

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { runtime, logger } = options;
  const env = options.env ?? process.env;
  const drainMs = shutdownTimeoutMs(env);
  const metrics = options.metrics;
  const serveMetrics = metrics ? metricsHandler(metrics.registry, env.ROOMOPS_METRICS_TOKEN) : undefined;
  const adapters = await createAdapters({ runtime, env, logger });
  const slackListener = adapters.find((a) => a.name === 'slack')?.requestListener;
  // Set only for Discord HTTP interactions (DISCORD_PUBLIC_KEY), not for the gateway.
  const discordListener = adapters.find((a) => a.name === 'discord')?.requestListener;
  let stopping = false;

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error(
        { err: error instanceof Error ? error.message : String(error), path: req.url },
        'HTTP request failed',
      );
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (metrics) timeAck(path, res, metrics.observer);
    if (path === '/livez' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}');
      return;
    }
    if (READY_PATHS.has(path) && req.method === 'GET') {
      const health = await checkHealth(runtime.store, adapters, stopping);
      res
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(health));
      return;
    }
    if (path === '/metrics' && req.method === 'GET' && serveMetrics) {
      await serveMetrics(req, res);
      return;
    }
    // While draining, requests still arriving (the load balancer has not yet
    // seen /readyz turn 503) are handled like any other.
    if (path === SLACK_PATH && slackListener) {
      slackListener(req, res);
      return;
    }
    if (path === DISCORD_PATH && discordListener) {
      // While stopping the adapter still answers (an ephemeral "restarting"), as Discord wants a reply.
      discordListener(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  const port = options.port ?? Number(env.PORT || 3000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '0.0.0.0', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;

  try {
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await closeServer(server);
    throw error;
  }
  const expiry = startExpiryTimer(runtime.engine, adapters, logger, options.expiryIntervalMs ?? 10_000);
  runtime.jobRunner.start();
  for (const warning of runtime.warnings) logger.warn(warning);
  logger.info({ port: bound, platforms: adapters.map((a) => a.name) }, 'RoomOps is serving');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      const deadline = new Deadline(drainMs);
      const finished = await deadline.race(drain(server, adapters, runtime, expiry));
      if (!finished) {
        logger.warn(
          { timeoutSeconds: drainMs / 1000 },
          'Shutdown timeout reached: work still in flight is abandoned (ROOMOPS_SHUTDOWN_TIMEOUT_S)',
        );
        if (server.listening) server.close();
        server.closeAllConnections();
      }
      const closed = await new Deadline(finished ? CLOSE_BUDGET_MS : CLOSE_AFTER_TIMEOUT_MS).race(
        runtime.close(),
      );
      if (!closed) logger.warn('Closing the store and vendor connections timed out');
      logger.info('RoomOps stopped');
    })();
    return stopped;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      // A second SIGTERM or SIGINT during the drain takes the default action: exit at once.
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      logger.info(
        { signal, timeoutSeconds: drainMs / 1000 },
        'Draining: readiness is 503, finishing work in flight',
      );
      // Should a close hang despite every deadline, the process still ends.
      setTimeout(() => process.exit(0), drainMs + CLOSE_BUDGET_MS + 1_000).unref();
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: String(error) }, 'Stopping failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  return { url: `http://127.0.0.1:${bound}`, port: bound, adapters, stop };
}

/**
 * The drain, in order: background work (job leases) stops and hands back;
 * the adapters finish their in-flight work while the port still takes
 * requests; then the port closes, requests already open complete, and work
 * they acknowledged in the meantime is finished too.
 */
async function drain(
  server: Server,
  adapters: readonly ServedAdapter[],
  runtime: Runtime,
  expiry: { stop(): Promise<void> },
): Promise<void> {
  await Promise.allSettled([runtime.stopBackgroundWork?.(), ...adapters.map((a) => a.stop()), expiry.stop()]);
  await closeServer(server);
  await Promise.allSettled(adapters.filter((a) => a.requestListener).map((a) => a.stop()));
}

/** Stops accepting connections and resolves once the requests still open have completed. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
