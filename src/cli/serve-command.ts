import { createRuntime } from '../runtime/create-runtime.js';
import type { Runtime } from '../runtime/types.js';
import { type CliContext, cliLogger } from './context.js';
import { printFailure } from './run-command.js';

/** `roomops` with platform credentials set: serve Slack and/or Discord until SIGTERM. */
export async function runServe(cli: CliContext): Promise<number> {
  const logger = cliLogger(cli);
  // One registry for this process, handed to everything that reports into it.
  const { createMetrics } = await import('../metrics/prometheus-observer.js');
  const metrics = createMetrics();
  let runtime;
  try {
    runtime = await createRuntime({
      ...(cli.configPath ? { configPath: cli.configPath } : {}),
      env: process.env,
      logger,
      observer: metrics.observer,
    });
  } catch (error) {
    return printFailure(error, {}, 'serve');
  }
  const jobCounter = jobCounterOf(runtime.store);
  if (jobCounter) metrics.countJobsWith(jobCounter);
  try {
    const { serve } = await import('../server/serve.js');
    await serve({ runtime, env: process.env, logger, metrics });
    return 0;
  } catch (error) {
    // E.g. Slack refused the token: close what was opened so the process exits.
    await runtime.close();
    return printFailure(error, {}, 'serve');
  }
}

/** The job store's `countJobsByState`, once a store has one (durable jobs), for `roomops_jobs`. */
function jobCounterOf(store: Runtime['store']): (() => Promise<Record<string, number>>) | undefined {
  const candidate = (store as { countJobsByState?: unknown }).countJobsByState;
  return typeof candidate === 'function'
    ? () => (candidate as () => Promise<Record<string, number>>).call(store)
    : undefined;
}
