/**
 * Every few seconds: expire overdue confirmations and have the platform that
 * showed each prompt replace it with an "expired" notice. `expireDue` hands
 * each expired action to exactly one replica, so prompts are updated once.
 */
import type { EngineApi } from '../core/engine-api.js';
import type { Logger } from '../core/logger.js';
import type { PlatformAdapter } from '../runtime/types.js';

export function startExpiryTimer(
  engine: EngineApi,
  adapters: readonly PlatformAdapter[],
  logger: Logger,
  intervalMs: number,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = async () => {
    const expired = await engine.expireDue();
    for (const pending of expired) {
      const adapter = adapters.find((a) => a.name === pending.prompt?.platform);
      if (!adapter) continue;
      await adapter.showExpired(pending).catch((error: unknown) => {
        logger.warn(
          { pendingId: pending.id, err: error instanceof Error ? error.message : String(error) },
          'Could not mark an expired prompt',
        );
      });
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((error: unknown) =>
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'Expiring pending actions failed',
        ),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
