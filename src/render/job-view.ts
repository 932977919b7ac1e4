/**
 * A job's progress as a View, the same on every platform: done / failed /
 * left as facts and, for a scheduled job, when it runs (a live countdown in
 * chat). The jobs runner updates its message with this as items finish.
 */
import type { HomeJob } from '../core/home.js';
import type { Tone, View, ViewFact } from './view.js';

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
