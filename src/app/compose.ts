/**
 * The composition root: what RoomOps wires to what. Serving (`roomops` with
 * platform credentials set):
 *
 *   config → store → vendor clients → engine (+ metrics observer) + job runner
 *     → platform adapters (Slack HTTP or Socket Mode; Discord gateway or HTTP interactions)
 *     → one HTTP port (/slack/events, /discord/interactions, /livez, /readyz = /healthz, /metrics)
 *     → job runner started → expiry timer → drain on SIGTERM (job runner first)
 *
 * `roomops run`, `shell` and `check` take only the first line (openRuntime):
 * prom-client and the platform libraries are imported only when serving, so
 * `run` starts fast. Nothing here is cached between calls: everything is
 * passed in.
 */
import { COMMANDS } from '../../commands/index.js';
import { accessWarnings } from '../core/access/index.js';
import { accessPolicy } from '../core/access-policy.js';
import { ClientPool } from '../core/client-pool.js';
import { type AccessConfig, loadConfig } from '../core/config/index.js';
import { DEFAULT_SCHEDULE_GRACE_MINUTES } from '../core/config/schema.js';
import { Engine } from '../core/engine.js';
import { ConfigError } from '../core/errors.js';
import { JobRunner } from '../core/jobs/job-runner.js';
import type { Logger } from '../core/logger.js';
import { observeEngine } from '../core/observed-engine.js';
import type { Observer } from '../core/observer.js';
import type { RoomOpsMetrics } from '../metrics/prometheus-observer.js';
import type { Runtime } from '../runtime/types.js';
import { createAdapters, type ServedAdapter } from '../server/adapters.js';
import { Deadline, shutdownTimeoutMs } from '../server/drain.js';
import { startExpiryTimer } from '../server/expiry.js';
import { checkHealth } from '../server/health.js';
import { createHttpServer } from '../server/http-server.js';
import { metricsHandler } from '../server/metrics-endpoint.js';
import { exitAfterDrainOnSignal } from '../server/signals.js';
import { openStore, resolveStorageUrl } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import type { AccountConfig } from '../vendors/account.js';

export interface RuntimeOptions {
  /** `--config FILE`; else ROOMOPS_CONFIG, else ./roomops.yml; with none, the built-in sandbox. */
  configPath?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Reports commands, decisions and vendor calls for `/metrics` (serving only). */
  observer?: Observer;
}

export interface ServeOptions {
  runtime: Runtime;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Overrides `PORT` (0 = a free port, for tests). */
  port?: number;
  host?: string;
  /** How often overdue confirmations are expired (default 10 s). */
  expiryIntervalMs?: number;
  /** Install SIGTERM/SIGINT handlers that drain and exit (default true). */
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

/** Closing the store and vendor pools after the drain gets this long before the process exits anyway. */
const CLOSE_BUDGET_MS = 5_000;
/** After a drain that timed out, vendor pools would wait for the abandoned calls: close briefly, then go. */
const CLOSE_AFTER_TIMEOUT_MS = 1_000;

/** The whole server process, from the CLI's options to a port taking requests. */
export async function startServing(options: Omit<RuntimeOptions, 'observer'>): Promise<RunningServer> {
  // One registry for this process, handed to everything that reports into it.
  const { createMetrics } = await import('../metrics/prometheus-observer.js');
  const metrics = createMetrics();
  const runtime = await openRuntime({ ...options, observer: metrics.observer });
  metrics.countJobsWith(() => runtime.store.jobs.countJobsByState());
  try {
    return await serve({ runtime, env: options.env, logger: options.logger, metrics });
  } catch (error) {
    // E.g. Slack refused the token: close what was opened so the process exits.
    await runtime.close();
    throw error;
  }
}

/** config → store → vendor clients → engine; with no config file, the built-in sandbox. */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { env, logger, observer } = options;
  const loaded = await loadConfig({ ...(options.configPath ? { path: options.configPath } : {}), env });
  if (loaded.source === 'none') {
    // The emulators load only in sandbox mode; its store is a temporary file, never the configured one.
    const { startSandboxRuntime } = await import('./sandbox-runtime.js');
    return startSandboxRuntime({ logger, ...(observer ? { observer } : {}) });
  }
  const { config } = loaded;
  const timeoutMs = config.storage?.timeoutMs;
  const store = await openStore(resolveStorageUrl(env, config.storage?.url), {
    logger,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  const { engine, clients, jobRunner } = wireEngine({
    accounts: config.accounts,
    access: config.access,
    store,
    logger,
    confirmTimeoutMinutes: config.confirmTimeoutMinutes,
    bulkTypeToConfirm: config.bulkTypeToConfirm,
    scheduleGraceMinutes: config.scheduleGraceMinutes,
    ...jobTiming(env),
    ...(observer ? { observer } : {}),
  });
  return {
    engine,
    store,
    logger,
    mode: 'config',
    warnings: accessWarnings(config),
    // Not started here: serving processes, `roomops worker` and a waiting `run` start it.
    jobRunner,
    close: async () => {
      await jobRunner.stop();
      await clients.close();
      await store.close();
    },
  };
}

/** vendor clients → engine (+ observer) and its job runner. Shared by config mode and the sandbox. */
export function wireEngine(options: {
  accounts: Readonly<Record<string, AccountConfig>>;
  access: AccessConfig | undefined;
  store: Store;
  logger: Logger;
  confirmTimeoutMinutes: number;
  bulkTypeToConfirm?: number;
  scheduleGraceMinutes?: number;
  /** Job runner timing (tests shorten it). */
  jobPollMs?: number;
  jobLeaseMs?: number;
  now?: () => Date;
  observer?: Observer;
}): { engine: Runtime['engine']; clients: ClientPool; jobRunner: JobRunner } {
  const clients = new ClientPool(options.accounts, options.observer);
  const core = new Engine({
    commands: COMMANDS,
    clients,
    store: options.store,
    access: accessPolicy(options.access),
    logger: options.logger,
    confirmTimeoutMs: options.confirmTimeoutMinutes * 60_000,
    ...(options.bulkTypeToConfirm !== undefined ? { bulkTypeToConfirm: options.bulkTypeToConfirm } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const jobRunner = new JobRunner({
    ...core.jobHooks(),
    store: options.store,
    logger: options.logger,
    missedAfterMs: (options.scheduleGraceMinutes ?? DEFAULT_SCHEDULE_GRACE_MINUTES) * 60_000,
    ...(options.jobPollMs !== undefined ? { pollMs: options.jobPollMs } : {}),
    ...(options.jobLeaseMs !== undefined ? { leaseMs: options.jobLeaseMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const observer = options.observer;
  if (observer)
    jobRunner.onItemOutcome((_job, _item, result) => observer.jobItem(result.ok ? 'ok' : 'failed'));
  return { engine: observer ? observeEngine(core, observer) : core, clients, jobRunner };
}

/**
 * `ROOMOPS_JOB_POLL_MS` / `ROOMOPS_JOB_LEASE_MS` shorten the runner's timing
 * (tests of crash-resume; a very busy fleet may lengthen the lease).
 */
function jobTiming(env: NodeJS.ProcessEnv): { jobPollMs?: number; jobLeaseMs?: number } {
  const read = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name}: expected a whole number of milliseconds from ${min} to ${max}`, {
        field: name,
      });
    }
    return value;
  };
  const poll = read('ROOMOPS_JOB_POLL_MS', 50, 60_000);
  const lease = read('ROOMOPS_JOB_LEASE_MS', 1_000, 30_000);
  return {
    ...(poll !== undefined ? { jobPollMs: poll } : {}),
    ...(lease !== undefined ? { jobLeaseMs: lease } : {}),
  };
}

/**
 * A runtime served: adapters → HTTP port → expiry timer, and the drain that
 * undoes them in order. The caller keeps the runtime if this throws; once it
 * resolves, stopping the server closes the runtime.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { runtime, logger, metrics } = options;
  const env = options.env ?? process.env;
  const drainMs = shutdownTimeoutMs(env);
  // Each platform library is imported only when its platform is configured.
  const adapters = await createAdapters({ runtime, env, logger });
  const slack = adapters.find((a) => a.name === 'slack')?.requestListener;
  // Set only for Discord HTTP interactions (DISCORD_PUBLIC_KEY), not for the gateway.
  const discord = adapters.find((a) => a.name === 'discord')?.requestListener;
  let stopping = false;
  const http = createHttpServer(
    {
      readiness: () => checkHealth(runtime.store, adapters, stopping),
      ...(metrics ? { metrics: metricsHandler(metrics.registry, env.ROOMOPS_METRICS_TOKEN) } : {}),
      ...(slack ? { slack } : {}),
      ...(discord ? { discord } : {}),
    },
    logger,
    metrics?.observer,
  );
  const port = await http.listen(options.port ?? Number(env.PORT || 3000), options.host ?? '0.0.0.0');
  try {
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await http.close();
    throw error;
  }
  runtime.jobRunner.start();
  const expiry = startExpiryTimer(runtime.engine, adapters, logger, options.expiryIntervalMs ?? 10_000);
  for (const warning of runtime.warnings) logger.warn(warning);
  logger.info({ port, platforms: adapters.map((a) => a.name) }, 'RoomOps is serving');

  /**
   * The drain, in order: the job runner stops (the item in flight finishes, its
   * lease is released so another process resumes the job); the adapters finish their in-flight work while the
   * port still takes requests; then the port closes, requests already open
   * complete, and work they acknowledged in the meantime is finished too.
   */
  const drainInOrder = async () => {
    await Promise.allSettled([runtime.jobRunner.stop(), ...adapters.map((a) => a.stop()), expiry.stop()]);
    await http.close();
    await Promise.allSettled(adapters.filter((a) => a.requestListener).map((a) => a.stop()));
  };
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      const finished = await new Deadline(drainMs).race(drainInOrder());
      if (!finished) {
        logger.warn(
          { timeoutSeconds: drainMs / 1000 },
          'Shutdown timeout reached: work still in flight is abandoned (ROOMOPS_SHUTDOWN_TIMEOUT_S)',
        );
        http.abort();
      }
      const closed = await new Deadline(finished ? CLOSE_BUDGET_MS : CLOSE_AFTER_TIMEOUT_MS).race(
        runtime.close(),
      );
      if (!closed) logger.warn('Closing the store and vendor connections timed out');
      logger.info('RoomOps stopped');
    })();
    return stopped;
  };
  if (options.handleSignals ?? true)
    exitAfterDrainOnSignal(stop, logger, { drainMs, hardLimitMs: drainMs + CLOSE_BUDGET_MS + 1_000 });

  return { url: `http://127.0.0.1:${port}`, port, adapters, stop };
}
