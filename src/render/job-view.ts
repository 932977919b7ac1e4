/**
 * A job's progress as a View, the same on every platform: done / failed /
 * left as facts and, for a scheduled job, when it runs (a live countdown in
 * chat). The jobs runner updates its message with this as items finish.
 */
import type { HomeJob } from '../core/home.js';
import { plainValue } from './result-parts.js';
import type { Tone, View, ViewFact, ViewRich, ViewTable } from './view.js';

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

/** DESIGN.md `jobs` result: id, state, action, account, runAt, total, done, failed. */
export function jobsTable(jobs: Record<string, unknown>[]): ViewTable {
  return {
    columns: ['Job', 'Action', 'Account', 'State', 'Runs', 'Done', 'Failed', 'Total'],
    rows: jobs.map((j) => {
      const runAt =
        j.runAt instanceof Date ? j.runAt : typeof j.runAt === 'string' ? new Date(j.runAt) : undefined;
      const when: ViewRich =
        runAt && !Number.isNaN(runAt.getTime()) ? { time: runAt, countdown: j.state === 'scheduled' } : '';
      return [
        plainValue(j.id),
        plainValue(j.action),
        plainValue(j.account),
        plainValue(j.state),
        when,
        plainValue(j.done),
        plainValue(j.failed),
        plainValue(j.total),
      ];
    }),
  };
}
