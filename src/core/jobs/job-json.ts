/**
 * A job as `--json` shows it (DESIGN.md "jobs"): `id`, `state`, `action`,
 * `account`, `runAt`, `total`, `done`, `failed`, and with its items
 * (`id` = the room, `state`, `error`).
 */
import type { Job, JobItem } from '../../store/job-types.js';

export interface JobJson {
  id: string;
  state: string;
  action: string;
  account: string;
  runAt: string;
  total: number;
  done: number;
  failed: number;
  left: number;
  description: string;
  cancelRequested?: true;
  finishedAt?: string;
  items?: { id: string; state: string; error?: { code: string; message: string } }[];
}

export function jobJson(job: Job, items?: readonly JobItem[]): JobJson {
  return {
    id: job.id,
    state: job.state,
    action: job.action,
    account: job.account,
    runAt: job.runAt.toISOString(),
    total: job.total,
    done: job.done,
    failed: job.failed,
    left: job.total - job.done - job.failed,
    description: job.description,
    ...(job.cancelRequested && job.state === 'running' ? { cancelRequested: true as const } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
    ...(items
      ? {
          items: items.map((i) => ({
            id: i.room,
            state: i.state,
            ...(i.error ? { error: i.error } : {}),
          })),
        }
      : {}),
  };
}
