/**
 * `roomops run "<bulk command>" --yes` waits for its job: this process runs
 * it (or another one does — whoever holds the lease), a progress bar on
 * stderr when that is a terminal, and the job's end turned into the usual
 * outcome (`partial` when some items failed) for printing and the exit code.
 */
import cliProgress from 'cli-progress';
import { formatDuration } from '../core/jobs/duration.js';
import { formatUtc } from '../core/jobs/schedule.js';
import { jobJson } from '../core/jobs/job-json.js';
import type { Outcome, ResultOutcome } from '../core/outcome.js';
import { jobDetail } from '../../commands/shared/job-view.js';
import { FINAL_JOB_STATES, type Job } from '../store/job-types.js';
import type { Runtime } from '../runtime/types.js';

const POLL_MS = 200;
/** A job that makes no progress for this long is left running and reported, not waited on forever. */
const STALL_MS = 5 * 60_000;

export async function waitForJob(
  runtime: Runtime,
  created: ResultOutcome,
  jobId: string,
  options: { stallMs?: number } = {},
): Promise<Outcome> {
  const stallMs = options.stallMs ?? STALL_MS;
  runtime.jobRunner.start();
  runtime.jobRunner.poke();
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: '{bar} {value}/{total} done, {failed} failed | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let job = await runtime.store.jobs.get(jobId);
  if (job?.state === 'scheduled' && job.runAt.getTime() > Date.now() + 1_000) {
    // Say why nothing moves yet, and that leaving is safe.
    process.stderr.write(
      `Job ${job.id} runs at ${formatUtc(job.runAt)}; waiting for it. Ctrl-C stops waiting, not the job: any running roomops (serve or worker) runs it then.\n`,
    );
  }
  bar?.start(job?.total ?? 0, 0, { failed: 0 });
  let lastProgress = Date.now();
  let seen = -1;
  try {
    while (job && !FINAL_JOB_STATES.includes(job.state)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await runtime.store.jobs.get(jobId);
      if (!job) break;
      const finished = job.done + job.failed;
      bar?.update(finished, { failed: job.failed });
      // A job waiting for its time (at=, in=, a grace period) is not stalled: it has not started.
      if (finished !== seen || job.state === 'scheduled') {
        seen = finished;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > stallMs) {
        return stalled(created, job, stallMs);
      }
    }
  } finally {
    bar?.stop();
  }
  if (!job) {
    return {
      ...created,
      type: 'error',
      error: { code: 'job_not_found', message: `Job ${jobId} disappeared from the store.` },
    };
  }
  return ended(runtime, created, job);
}

async function ended(runtime: Runtime, created: ResultOutcome, job: Job): Promise<Outcome> {
  const items = await runtime.store.jobs.items(job.id);
  const json = jobJson(job, items);
  if (job.state === 'done') {
    return {
      ...created,
      result: { job: json },
      view: jobDetail(json),
      summary: `Job ${job.id} done: ${job.done} of ${job.total} rooms. ${job.description}`,
    };
  }
  if (job.state === 'failed') {
    const failed = items.filter((i) => i.state === 'failed');
    return {
      ...created,
      type: 'error',
      visibility: 'private',
      error: {
        code: 'partial',
        message: `Job ${job.id}: ${failed.length} of ${job.total} failed: ${failed
          .map((i) => `${i.room} (${i.error?.message ?? i.error?.code ?? 'failed'})`)
          .join('; ')}`,
        items: items.map((i) => ({
          id: i.room,
          ok: i.state === 'done',
          ...(i.error ? { code: i.error.code, message: i.error.message } : {}),
        })),
        job: { ...json },
      },
    };
  }
  const left = job.total - job.done - job.failed;
  return {
    ...created,
    type: 'error',
    visibility: 'private',
    error: {
      code: 'cancelled',
      message:
        job.state === 'missed'
          ? `Job ${job.id} was missed: no process ran it in time; nothing was done.`
          : `Job ${job.id} was cancelled: ${job.done} done, ${job.failed} failed, ${left} not run.`,
      job: json,
    } as never,
  };
}

function stalled(created: ResultOutcome, job: Job, stallMs: number): Outcome {
  return {
    ...created,
    type: 'error',
    visibility: 'private',
    error: {
      code: 'vendor_timeout',
      message: `Job ${job.id} made no progress for ${formatDuration(stallMs)}; it stays queued (\`roomops run "jobs ${job.id}"\` shows it, \`jobs cancel ${job.id}\` stops it).`,
      job: jobJson(job),
    } as never,
  };
}
