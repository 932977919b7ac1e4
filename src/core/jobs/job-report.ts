/**
 * The final message of a job shown in chat (DESIGN.md "Durable jobs"):
 * per-item outcomes with every failure in full and the successes counted,
 * and whether a *Retry failed* button belongs under it.
 */
import type { Job, JobItem } from '../../store/job-types.js';

/** A chat message stays readable; the rest is one `jobs <id>` away. */
const SHOWN_FAILURES = 50;

export interface JobReport {
  jobId: string;
  state: Job['state'];
  text: string;
  /** The job ended with failed items: offer `job_retry:<id>`. */
  retryable: boolean;
}

export function jobReport(job: Job, failed: readonly JobItem[]): JobReport {
  const left = job.total - job.done - job.failed;
  const how =
    job.state === 'done'
      ? 'finished'
      : job.state === 'failed'
        ? 'finished with failures'
        : job.state === 'cancelled'
          ? 'was cancelled'
          : job.state === 'missed'
            ? `was missed (nobody ran it in time)`
            : job.state;
  const counts = `${job.done} done, ${job.failed} failed${left > 0 ? `, ${left} not run` : ''} of ${job.total}`;
  const lines = [`Job ${job.id} ${how}: ${counts}. ${job.description}`];
  for (const item of failed.slice(0, SHOWN_FAILURES))
    lines.push(`• ${item.room}: ${item.error ? `${item.error.code}: ${item.error.message}` : 'failed'}`);
  if (failed.length > SHOWN_FAILURES)
    lines.push(`… and ${failed.length - SHOWN_FAILURES} more failures: jobs ${job.id}`);
  return {
    jobId: job.id,
    state: job.state,
    text: lines.join('\n'),
    retryable: job.state === 'failed' && job.failed > 0,
  };
}
