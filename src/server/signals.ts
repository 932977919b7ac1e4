/**
 * SIGTERM/SIGINT start the drain once; a second signal during it takes the
 * default action (exit at once). Should a close hang despite every deadline,
 * the process still ends `hardLimitMs` after the signal.
 */
import type { Logger } from '../core/logger.js';

export function exitAfterDrainOnSignal(
  stop: () => Promise<void>,
  logger: Logger,
  options: { drainMs: number; hardLimitMs: number },
): void {
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    logger.info(
      { signal, timeoutSeconds: options.drainMs / 1000 },
      'Draining: readiness is 503, finishing work in flight',
    );
    setTimeout(() => process.exit(0), options.hardLimitMs).unref();
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
