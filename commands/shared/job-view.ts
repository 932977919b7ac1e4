/**
 * A job's progress as a View, the same on every platform: done / failed /
 * left as facts and, for a scheduled job, when it runs (a live countdown in
 * chat). The jobs runner updates its message with this as items finish.
 */
import type { HomeJob } from '../../src/core/home.js';
import type { JobJson } from '../../src/core/jobs/job-json.js';
import type { ResultView, Tone, View, ViewFact, ViewRich, ViewTable } from '../../src/view/view.js';

const TONES: Record<string, Tone> = {
  done: 'ok',
  failed: 'error',
  cancelled: 'warning',
  missed: 'warning',
  running: 'pending',
  scheduled: 'pending',
};

export function jobProgressView(job: HomeJob): View {
  const left = Math.max(0, job.total - job.done - job.failed);
  const tone = job.state === 'done' && job.failed > 0 ? 'warning' : (TONES[job.state] ?? 'info');
  const facts: ViewFact[] = [
    { label: 'Done', value: `${job.done} of ${job.total}` },
    { label: 'Failed', value: String(job.failed) },
    { label: 'Left', value: String(left) },
    { label: 'Account', value: job.account },
  ];
  if (job.runAt)
    facts.push({
      label: job.state === 'scheduled' ? 'Runs' : 'Started',
      value: { time: job.runAt, countdown: job.state === 'scheduled' },
    });
  return {
    tone,
    title: `${job.action} on ${job.account}: ${job.state}${job.state === 'done' && job.failed > 0 ? ' with failures' : ''}`,
    facts,
    notes: [`Job ${job.id}`],
  };
}

/** When a job runs: a local time in chat (a countdown while scheduled), ISO 8601 UTC in the terminal. */
function runsAt(job: JobJson): ViewRich {
  const at = new Date(job.runAt);
  return Number.isNaN(at.getTime()) ? job.runAt : { time: at, countdown: job.state === 'scheduled' };
}

/** Jobs as `jobs` lists them (DESIGN.md `jobs` result). */
export function jobsTable(jobs: readonly JobJson[]): ViewTable {
  return {
    columns: ['Job', 'State', 'Action', 'Account', 'Runs at', 'Done', 'Failed', 'Left'],
    rows: jobs.map((j) => [
      j.id,
      j.state,
      j.action,
      j.account,
      runsAt(j),
      String(j.done),
      String(j.failed),
      String(j.left),
    ]),
  };
}

/** One job: its counts, and every failed item in full (successes are counted, not listed). */
export function jobDetail(job: JobJson): ResultView {
  return {
    facts: [
      { label: 'Job', value: job.id },
      { label: 'State', value: job.state },
      { label: 'Runs at', value: runsAt(job) },
      { label: 'Done / failed / left', value: `${job.done} / ${job.failed} / ${job.left} of ${job.total}` },
    ],
    notes: (job.items ?? [])
      .filter((item) => item.state === 'failed')
      .map((item) => `${item.id}: ${item.error?.code ?? 'failed'} — ${item.error?.message ?? ''}`),
  };
}
