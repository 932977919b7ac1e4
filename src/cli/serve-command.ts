import { createRuntime } from '../runtime/create-runtime.js';
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
  metrics.countJobsWith(() => runtime.store.jobs.countJobsByState());
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
