/**
 * `roomops worker`: runs durable jobs and nothing else, until SIGINT or
 * SIGTERM; then the item in flight finishes and the lease is released so
 * another process resumes the job at once.
 */
import { openRuntime, type RuntimeOptions } from '../app/compose.js';
import { printFailure } from './run-command.js';

export async function runWorker(cli: RuntimeOptions): Promise<number> {
  const { logger } = cli;
  let runtime;
  try {
    runtime = await openRuntime(cli);
  } catch (error) {
    return printFailure(error, {}, 'worker', logger);
  }
  if (runtime.mode === 'sandbox') {
    await runtime.close();
    process.stderr.write(
      '✖ roomops worker needs a config file and a shared store: the sandbox keeps its jobs in a temporary file no other process sees.\n',
    );
    return 2;
  }
  runtime.jobRunner.start();
  logger.info({ owner: runtime.jobRunner.owner, store: runtime.store.kind }, 'RoomOps worker running jobs');
  // The ready line tells scripts (and tests) the runner is polling.
  process.stderr.write(`roomops worker ready (${runtime.jobRunner.owner})\n`);
  // The runner's timers do not hold the process open (a waiting `run` must exit); this one does.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  logger.info('worker stopping: finishing the item in flight, releasing leases');
  await runtime.close();
  return 0;
}
