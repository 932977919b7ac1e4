/**
 * What a job's chat message says (DESIGN.md "Durable jobs"): while it runs,
 * done / failed / left and an ETA from its pace so far; at the end, per-item
 * outcomes with every failure in full and the successes counted. With the
 * buttons the message offers as the job now stands.
 */
import type { Job, JobItem } from '../../store/job-types.js';
import type { PromptRef } from '../../store/types.js';
import { formatDuration } from './duration.js';
import { type JobControl, controlsFor } from './job-controls.js';

/** A chat message stays readable; the rest is one `jobs <id>` away. */
const SHOWN_FAILURES = 50;

export interface JobReport {
  jobId: string;
  state: Job['state'];
  /** True once the job has ended: this is its last message. */
  final: boolean;
  text: string;
  controls: JobControl[];
  /** Where the job's message is (read fresh: it may be attached after the job started). */
  prompt?: PromptRef;
  /** When the job was made: a Discord interaction token attached with it lapses 15 minutes later. */
  createdAt: Date;
}

export function jobReport(job: Job, failed: readonly JobItem[], now: Date): JobReport {
  const final = job.state !== 'running' && job.state !== 'scheduled';
  const left = job.total - job.done - job.failed;
  const lines = [final ? endLine(job, left) : progressLine(job, left, now)];
  if (final) {
    for (const item of failed.slice(0, SHOWN_FAILURES))
      lines.push(`• ${item.room}: ${item.error ? `${item.error.code}: ${item.error.message}` : 'failed'}`);
    if (failed.length > SHOWN_FAILURES)
      lines.push(`… and ${failed.length - SHOWN_FAILURES} more failures: jobs ${job.id}`);
  }
  return {
    jobId: job.id,
    state: job.state,
    final,
    text: lines.join('\n'),
    controls: controlsFor(job),
    createdAt: job.createdAt,
    ...(job.prompt ? { prompt: job.prompt } : {}),
  };
}

function endLine(job: Job, left: number): string {
  const how =
    job.state === 'done'
      ? 'finished'
      : job.state === 'failed'
        ? 'finished with failures'
        : job.state === 'cancelled'
          ? 'was cancelled'
          : 'was missed (nobody ran it in time)';
  const counts = `${job.done} done, ${job.failed} failed${left > 0 ? `, ${left} not run` : ''} of ${job.total}`;
  return `Job ${job.id} ${how}: ${counts}. ${job.description}`;
}

/** The ETA assumes the rest goes at the pace so far; none before the first item. */
function progressLine(job: Job, left: number, now: Date): string {
  const finished = job.done + job.failed;
  const elapsed = job.startedAt ? now.getTime() - job.startedAt.getTime() : 0;
  const rest =
    finished > 0 && elapsed > 0 && left > 0 ? formatDuration((elapsed / finished) * left) : undefined;
  const eta = rest === undefined ? '' : `, ${rest.startsWith('under') ? rest : `about ${rest}`} to go`;
  const stopping = job.cancelRequested ? ' (stopping before the next item)' : '';
  return `Job ${job.id} running${stopping}: ${job.done} done, ${job.failed} failed, ${left} left${eta}. ${job.description}`;
}
