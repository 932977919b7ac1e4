/**
 * The platform-neutral half of a job's chat message (DESIGN.md "Durable
 * jobs"): which job an answer started, and the wiring that keeps each job's
 * message up to date in the process running it — progress at most every
 * 2 s (ProgressThrottle), then its end. Each front end supplies `show`.
 */
import { ProgressThrottle } from '../core/jobs/progress-throttle.js';
import type { Logger } from '../core/logger.js';
import type { Outcome } from '../core/outcome.js';
import type { PlatformName } from '../core/types.js';
import type { Job } from '../store/job-types.js';
import type { InFlight } from './in-flight.js';

/** The job an answer started (a confirmed bulk or scheduled command), if any. */
export function jobIdOf(outcome: Outcome | undefined): string | undefined {
  if (outcome?.type !== 'result') return undefined;
  const job = (outcome.result as { job?: { id?: unknown } | null } | null)?.job;
  return typeof job?.id === 'string' ? job.id : undefined;
}

export interface JobEvents {
  onItemOutcome(listener: (job: Job) => void): () => void;
  onJobEnded(listener: (job: Job) => void): () => void;
}

/**
 * Calls `show(jobId)` for this platform's jobs: after items (paced by the
 * throttle) and once at the end, after any update still in flight. Returns
 * the function that stops it (shutdown).
 */
export function followJobMessages(
  runner: JobEvents,
  platform: PlatformName,
  show: (jobId: string) => Promise<void>,
  deps: { inFlight: InFlight; logger: Logger },
): () => void {
  const throttle = new ProgressThrottle(show, deps.logger);
  const stopItems = runner.onItemOutcome((job) => {
    if (job.platform === platform) throttle.item(job.id);
  });
  const stopEnds = runner.onJobEnded((job) => {
    // Not awaited by the runner: a slow platform must not hold up the next job.
    if (job.platform === platform) void deps.inFlight.run(() => throttle.end(job.id));
  });
  return () => {
    stopItems();
    stopEnds();
    throttle.close();
  };
}
