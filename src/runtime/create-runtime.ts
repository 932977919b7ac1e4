/**
 * A runtime from the config file, or the sandbox when there is none
 * (DESIGN.md: `--config FILE`, else ROOMOPS_CONFIG, else ./roomops.yml; with
 * none, sandbox mode).
 */
import { accessWarnings } from '../core/access/index.js';
import { loadConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import { openStore, resolveStorageUrl } from '../store/open-store.js';
import { buildEngine } from './build-engine.js';
import type { Runtime } from './types.js';

export async function createRuntime(options: {
  configPath?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): Promise<Runtime> {
  const loaded = await loadConfig({
    ...(options.configPath ? { path: options.configPath } : {}),
    env: options.env,
  });
  const storageUrl = resolveStorageUrl(
    options.env,
    loaded.source === 'file' ? loaded.config.storage?.url : undefined,
  );
  if (loaded.source === 'none') {
    // The emulators load only in sandbox mode.
    const { startSandboxRuntime } = await import('./sandbox-runtime.js');
    return startSandboxRuntime({
      logger: options.logger,
      storeUrl: storageUrl.replace(/roomops\.db$/, 'sandbox.db'),
    });
  }
  const { config } = loaded;
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
