/**
 * Every few seconds: expire overdue confirmations of the platforms this
 * process serves and have the platform that showed each prompt replace it
 * with an "expired" notice. `expireDue` hands each expired action to exactly
 * one replica, so prompts are updated once, and only by one that can.
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
    // Only what this replica can show: another replica serving the other
    // platform expires the rest (the store hands each action out once).
    const expired = await engine.expireDue(adapters.map((a) => a.name));
    for (const pending of expired) {
      const adapter = adapters.find((a) => a.name === pending.prompt?.platform);
      // Requested here but never shown (the prompt could not be posted): nothing to update.
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
