/**
 * A runtime from the config file, or the sandbox when there is none
 * (DESIGN.md: `--config FILE`, else ROOMOPS_CONFIG, else ./roomops.yml; with
 * none, sandbox mode).
 */
import { accessWarnings } from '../core/access/index.js';
import { loadConfig } from '../core/config/index.js';
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
  const { engine, clients } = buildEngine({
    accounts: config.accounts,
    access: config.access,
    store,
    logger: options.logger,
    confirmTimeoutMinutes: config.confirmTimeoutMinutes,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  return {
    engine,
    store,
    logger: options.logger,
    mode: 'config',
    warnings: accessWarnings(config),
    close: async () => {
      await clients.close();
      await store.close();
    },
  };
}
