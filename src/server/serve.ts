/**
 * The server process: one HTTP port (`PORT`, default 3000) with
 * `GET /healthz` and, when Slack runs in HTTP mode, `POST /slack/events`;
 * the configured platform adapters; the expiry timer; and a graceful stop on
 * SIGTERM/SIGINT (stop taking work, finish what is in flight, stop the
 * adapters, close the runtime, exit 0).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import type { Runtime } from '../runtime/types.js';
import { createAdapters, type ServedAdapter } from './adapters.js';
import { startExpiryTimer } from './expiry.js';
import { checkHealth } from './health.js';

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
}

export interface RunningServer {
  url: string;
  port: number;
  adapters: readonly ServedAdapter[];
  /** Graceful stop; resolves when everything is closed (the runtime too). */
  stop(): Promise<void>;
}

const SLACK_PATH = '/slack/events';
/** After this, connections still open at shutdown are cut. */
const CLOSE_GRACE_MS = 10_000;

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { runtime, logger } = options;
  const env = options.env ?? process.env;
  const adapters = await createAdapters({ runtime, env, logger });
  const slackListener = adapters.find((a) => a.name === 'slack')?.requestListener;
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
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') {
      const health = await checkHealth(runtime.engine, adapters, stopping);
      res
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(health));
      return;
    }
    if (path === SLACK_PATH && slackListener) {
      if (stopping) {
        res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('shutting down');
        return;
      }
      slackListener(req, res);
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
      const closing = closeServer(server);
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await expiry.stop();
      await closing;
      await runtime.close();
      logger.info('RoomOps stopped');
    })();
    return stopped;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'Stopping: finishing work in flight');
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

/** Stops accepting connections, lets requests in flight finish, and cuts what lingers after a grace period. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
