/**
 * A runtime from the config file, or the sandbox when there is none
 * (DESIGN.md: `--config FILE`, else ROOMOPS_CONFIG, else ./roomops.yml; with
 * none, sandbox mode).
 */
import { accessWarnings } from '../core/access/index.js';
import { loadConfig } from '../core/config/index.js';
import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Observer } from '../core/observer.js';
import { openStore, resolveStorageUrl } from '../store/open-store.js';
import { buildEngine } from './build-engine.js';
import type { Runtime } from './types.js';

export async function createRuntime(options: {
  configPath?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Reports commands, decisions and vendor calls for `/metrics` (serving only). */
  observer?: Observer;
}): Promise<Runtime> {
  const loaded = await loadConfig({
    ...(options.configPath ? { path: options.configPath } : {}),
    env: options.env,
  });
  if (loaded.source === 'none') {
    // The emulators load only in sandbox mode; its store is a temporary file, never the configured one.
    const { startSandboxRuntime } = await import('./sandbox-runtime.js');
    return startSandboxRuntime({
      logger: options.logger,
      ...(options.observer ? { observer: options.observer } : {}),
    });
  }
  const { config } = loaded;
  const storageUrl = resolveStorageUrl(options.env, config.storage?.url);
  const timeoutMs = config.storage?.timeoutMs;
  const store = await openStore(storageUrl, {
    logger: options.logger,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  const { engine, clients, jobRunner } = buildEngine({
    accounts: config.accounts,
    access: config.access,
    store,
    logger: options.logger,
    confirmTimeoutMinutes: config.confirmTimeoutMinutes,
    ...(options.observer ? { observer: options.observer } : {}),
    scheduleGraceMinutes: config.scheduleGraceMinutes,
    ...jobTiming(options.env),
  });
  return {
    engine,
    store,
    logger: options.logger,
    mode: 'config',
    warnings: accessWarnings(config),
    jobRunner,
    close: async () => {
      await jobRunner.stop();
      await clients.close();
      await store.close();
    },
  };
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
