/**
 * What a job's chat buttons do (DESIGN.md "Durable jobs"): `job_cancel`
 * stops a job before its next item, `job_undo` cancels a delete still in
 * its grace period and unmutes, `job_retry` runs a failed job's failed items
 * again as a new job. Who may: cancel and undo, the requester or whoever may
 * run the job's kind on its account; retry, whoever may approve it now (the
 * clicker's current roles, as a confirm click). Front ends only translate.
 */
import { createHash } from 'node:crypto';
import type { Job } from '../../store/job-types.js';
import type { Store } from '../../store/types.js';
import type { AccessPolicy } from '../access-policy.js';
import type { AuditRecorder } from '../audit-recorder.js';
import type { Place, Principal } from '../types.js';
import type { BulkJobs } from './bulk-jobs.js';
import type { JobInvocation } from './job-request.js';

export const JOB_CONTROLS = ['cancel', 'retry', 'undo'] as const;
export type JobControl = (typeof JOB_CONTROLS)[number];

/** Job ids are `j_` and 16 base64url characters; anything else from a click is refused unread. */
const JOB_ID = /^j_[A-Za-z0-9_-]{16}$/;

export interface JobControlRequest {
  jobId: string;
  control: JobControl;
  principal: Principal;
  place: Place;
}

export type JobControlOutcome =
  /** It happened: `text` says what, for the message the button was on. `retry` is the new job. */
  | { type: 'done'; control: JobControl; job: Job; text: string; retry?: Job }
  /** Nothing changed (unknown id, not allowed, wrong state): tell only the clicker. */
  | { type: 'refused'; text: string };

export class JobControls {
  constructor(
    private readonly options: {
      store: Store;
      access: AccessPolicy;
      bulk: BulkJobs;
      audit: AuditRecorder;
      now: () => Date;
    },
  ) {}

  async act(request: JobControlRequest): Promise<JobControlOutcome> {
    const { jobId, control, principal, place } = request;
    if (!JOB_ID.test(jobId))
      return refused(`That button does not name a job (expected j_ and 16 characters).`);
    const job = await this.options.store.jobs.get(jobId);
    if (!job) return refused(`No job ${jobId}; it may have been removed.`);
    if (control === 'retry') return this.retry(job, principal, place);
    const permission = this.options.access.canCancel(principal, place, job);
    if (!permission.allowed) return refused(`Not allowed: ${permission.reason}`);
    const grace = (job.invocation as JobInvocation).grace;
    if (control === 'undo' && !grace) return refused(`Job ${job.id} has no grace period to undo.`);
    if (job.state !== 'scheduled' && job.state !== 'running')
      return refused(`Job ${job.id} has already ended (${job.state}); there is nothing to ${control}.`);
    if (control === 'undo' && job.state !== 'scheduled')
      return refused(`Job ${job.id} is already running; it can only be cancelled (done items stay done).`);
    const { job: after, unmuted, leftMuted, warnings } = await this.options.bulk.undo(job.id);
    if (!after) return refused(`No job ${jobId}; it may have been removed.`);
    const auditWarning = await this.options.audit.jobCancelled(after, principal, control === 'undo');
    const who = principal.displayName ?? principal.id;
    const what =
      after.state === 'cancelled'
        ? control === 'undo'
          ? `Undone by ${who}: job ${after.id} cancelled${unmuted.length ? ` and ${unmuted.join(', ')} unmuted` : ''}.${leftMuted.length ? ` Still muted as before: ${leftMuted.join(', ')}.` : ''}`
          : `Cancelled by ${who}: job ${after.id} will not run.`
        : `Cancel requested by ${who}: job ${after.id} stops before its next item (${after.done} done, ${after.failed} failed so far stay as they are).`;
    const warned = [...warnings, ...(auditWarning ? [auditWarning] : [])];
    return {
      type: 'done',
      control,
      job: after,
      text: warned.length ? `${what} Warning: ${warned.join('; ')}.` : what,
    };
  }

  /**
   * A new job with the failed items, same action and account, as the clicker.
   * Its id is derived from the failed job's, so two clicks make one job.
   */
  private async retry(job: Job, principal: Principal, place: Place): Promise<JobControlOutcome> {
    const permission = this.options.access.canApprove(principal, place, job);
    if (!permission.allowed) return refused(`Not allowed: ${permission.reason}`);
    if (job.state !== 'failed')
      return refused(`Job ${job.id} is ${job.state}; only a job with failed items can be retried.`);
    const id = retryId(job.id);
    const existing = await this.options.store.jobs.get(id);
    if (existing) return refused(`Job ${job.id} was already retried as ${id}.`);
    const failed = await this.options.store.jobs.items(job.id, { state: 'failed' });
    const rooms = failed.map((i) => i.room);
    // A retry runs now: a grace period was for the first run, and nothing is muted for this one.
    const { grace: _grace, ...invocation } = job.invocation as JobInvocation;
    let created: Job;
    try {
      created = await this.options.store.jobs.create({
        id,
        createdAt: this.options.now(),
        runAt: this.options.now(),
        account: job.account,
        action: job.action,
        kind: job.kind,
        requester: principal.id,
        ...(principal.displayName ? { requesterName: principal.displayName } : {}),
        approver: principal.id,
        ...(principal.displayName ? { approverName: principal.displayName } : {}),
        platform: principal.platform,
        ...(job.channel ? { channel: job.channel } : {}),
        ...(job.guild ? { guild: job.guild } : {}),
        invocation,
        description: `Retry of ${job.id} on its ${rooms.length} failed room${rooms.length === 1 ? '' : 's'} (${rooms.join(', ')}): ${job.description}`,
        rooms,
      });
    } catch (error) {
      // A simultaneous click created it first (same id): one retry, not two.
      if (await this.options.store.jobs.get(id))
        return refused(`Job ${job.id} was already retried as ${id}.`);
      throw error;
    }
    await this.options.audit.jobCreated(created, rooms);
    const who = principal.displayName ?? principal.id;
    return {
      type: 'done',
      control: 'retry',
      job,
      retry: created,
      text: `Retry started by ${who}: job ${created.id} runs ${job.action} again on ${rooms.join(', ')}.`,
    };
  }
}

/** The buttons a job's message offers as it now stands. */
export function controlsFor(job: Job): JobControl[] {
  if (job.state === 'scheduled' && (job.invocation as JobInvocation).grace) return ['undo'];
  if (job.state === 'scheduled' || (job.state === 'running' && !job.cancelRequested)) return ['cancel'];
  if (job.state === 'failed' && job.failed > 0) return ['retry'];
  return [];
}

export function retryId(jobId: string): string {
  return `j_${createHash('sha256').update(`retry:${jobId}`).digest('base64url').slice(0, 16)}`;
}

function refused(text: string): JobControlOutcome {
  return { type: 'refused', text };
}
