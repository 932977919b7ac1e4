/**
 * Bulk work as durable jobs: resolves a selector to a plan, describes it for
 * the confirmation (count, first 10 rooms, estimated time at the account's
 * `rateLimit`), creates the job once confirmed, and runs each item as the
 * approver with that item's room. Business rules only; the runner leases and
 * records, the front ends show.
 */
import { randomBytes } from 'node:crypto';
import type { Job, JobItem } from '../../store/job-types.js';
import type { Store } from '../../store/types.js';
import { DEFAULT_RATE_LIMIT } from '../../vendors/account.js';
import { VENDOR_CAPABILITIES, VENDOR_LABEL } from '../../vendors/capabilities.js';
import { isVendorError } from '../../vendors/errors.js';
import { AfterVendorRecorder } from '../after-vendor.js';
import type { AuditRecorder } from '../audit-recorder.js';
import type { Logger } from '../logger.js';
import type { ClientPool } from '../client-pool.js';
import type { AccountRef, CommandSpec, RunContext } from '../command-spec.js';
import { executeInvocation } from '../execute.js';
import type { ResultView } from '../../view/view.js';
import type { Outcome, OutcomeBase } from '../outcome.js';
import { errorOutcome } from '../outcome-errors.js';
import type { Place, Principal } from '../types.js';
import { validateInvocation, type ValidInvocation } from '../validate.js';
import type { BulkParts } from './bulk-invocation.js';
import { itemInvocation, type JobInvocation, type JobRequest } from './job-request.js';
import { formatUtc } from './schedule.js';
import { formatDuration } from './duration.js';
import { type JobJson, jobJson } from './job-json.js';
import type { ItemResult } from './job-runner.js';
import { type PlannedRoom, resolvePlan } from './resolve-plan.js';
import { describeSelector } from './selector.js';
import {
  type GraceMutePlan,
  type GraceMutes,
  type GraceUndo,
  muteForGrace,
  planGraceMutes,
  unmuteAfterUndo,
} from './grace-mutes.js';

/** DESIGN.md: the plan shows the first 10 rooms. */
const SHOWN_ROOMS = 10;

export interface Plan {
  rooms: PlannedRoom[];
  /** For the prompt and the job: what will happen, with the count, first rooms and an estimate. */
  description: string;
}

export interface BulkJobsOptions {
  commands: readonly CommandSpec[];
  clients: ClientPool;
  store: Store;
  audit: AuditRecorder;
  logger: Logger;
  now: () => Date;
}

export class BulkJobs {
  constructor(private readonly options: BulkJobsOptions) {}

  /** The rooms the selector names now, and the words that tell a person what will happen. */
  async plan(invocation: ValidInvocation, bulk: BulkParts): Promise<Plan> {
    const account = invocation.account!;
    const client = await this.options.clients.client(account.name);
    const rooms = await resolvePlan(bulk.selector, account, client, this.options.store, this.options.now());
    return { rooms, description: describePlan(invocation, bulk, rooms) };
  }

  /**
   * The rooms a job will work on and the words for its prompt: the plan for a
   * selector (or `nothing` when it matches no room), else the invocation's
   * own rooms; with the time in UTC, and for a grace period what happens when.
   */
  async prepare(
    invocation: ValidInvocation,
    job: JobRequest,
  ): Promise<{ rooms: string[]; description: string } | { nothing: Outcome }> {
    let rooms: string[];
    let description: string;
    if (job.bulk) {
      const plan = await this.plan(invocation, job.bulk);
      if (plan.rooms.length === 0) return { nothing: this.emptyOutcome(invocation, job.bulk) };
      rooms = plan.rooms.map((r) => r.id);
      description = plan.description;
    } else {
      rooms = invocation.rooms;
      description = invocation.spec.describe(invocation.args, invocation.account);
    }
    if (job.graceMs !== undefined && job.runAt) {
      const vendor = invocation.account!.vendor;
      const muting = VENDOR_CAPABILITIES[vendor].has('mute')
        ? 'Everyone is muted at once; the'
        : `${VENDOR_LABEL[vendor]} cannot mute everyone, so nothing changes until the`;
      description = `${description} ${muting} deletion runs at ${formatUtc(job.runAt)} unless undone before then.`;
    } else if (job.runAt) {
      description = `At ${formatUtc(job.runAt)}: ${description}`;
    }
    return { rooms, description };
  }

  /** Stores a confirmed (or read-only) bulk invocation as a job for the runner. */
  async createJob(input: {
    jobInvocation: JobInvocation;
    invocation: ValidInvocation;
    /** One per item: a room for bulk work, else the invocation's rooms joined (what `jobs <id>` shows). */
    items: readonly string[];
    description: string;
    requester: Principal;
    approver: Principal;
    place: Place;
    runAt?: Date;
  }): Promise<Job> {
    const now = this.options.now();
    const account = input.invocation.account!;
    // What each room's mute was is read before the job exists, so the job is stored knowing it.
    const plan = input.jobInvocation.grace
      ? await this.planMutes(account, input.invocation.rooms)
      : undefined;
    const jobInvocation: JobInvocation = plan
      ? { ...input.jobInvocation, grace: plan.planned }
      : input.jobInvocation;
    const job = await this.options.store.jobs.create({
      id: `j_${randomBytes(12).toString('base64url')}`,
      createdAt: now,
      runAt: input.runAt ?? now,
      account: input.invocation.account!.name,
      action: input.invocation.spec.name,
      kind: input.invocation.kind,
      requester: input.requester.id,
      ...(input.requester.displayName ? { requesterName: input.requester.displayName } : {}),
      approver: input.approver.id,
      ...(input.approver.displayName ? { approverName: input.approver.displayName } : {}),
      platform: input.requester.platform,
      ...(input.place.channel ? { channel: input.place.channel } : {}),
      ...(input.place.guild ? { guild: input.place.guild } : {}),
      invocation: jobInvocation,
      description: input.description,
      rooms: input.items,
    });
    await this.options.audit.jobCreated(job, input.invocation.rooms);
    if (!plan) return job;
    const { mutes, warnings } = await this.mute(job, account, plan.planned);
    const muted: Job = { ...job, invocation: { ...jobInvocation, grace: mutes } };
    const all = [...plan.warnings, ...warnings];
    return all.length ? Object.assign(muted, { warnings: all }) : muted;
  }

  /** Each room's mute before the grace delete; nothing to read where the vendor cannot mute everyone. */
  private async planMutes(account: AccountRef, rooms: readonly string[]): Promise<GraceMutePlan> {
    if (!VENDOR_CAPABILITIES[account.vendor].has('mute')) return { planned: { muted: [] }, warnings: [] };
    return planGraceMutes(await this.options.clients.client(account.name), rooms);
  }

  /**
   * Mutes the planned rooms and records which ones it did. The job already
   * holds the plan, which only lists rooms read as not muted, so a record
   * that fails here still never makes an undo unmute a moderator's mute.
   */
  private async mute(
    job: Job,
    account: AccountRef,
    planned: GraceMutes,
  ): Promise<{ mutes: GraceMutes; warnings: string[] }> {
    const toMute = planned.muted.length + (planned.unknownBefore?.length ?? 0);
    if (toMute === 0) return { mutes: planned, warnings: [] };
    const { mutes, warnings } = await muteForGrace(await this.options.clients.client(account.name), planned);
    if (mutes === planned) return { mutes, warnings };
    const grace = { ...(job.invocation as JobInvocation), grace: mutes };
    const recorder = new AfterVendorRecorder(this.options.logger);
    await recorder.record(`record which rooms job ${job.id} muted`, () =>
      this.options.store.jobs.setInvocation(job.id, grace),
    );
    return { mutes, warnings: [...warnings, ...recorder.warnings] };
  }

  /**
   * Undo of a delete with a grace period: cancels the job if it has not run
   * and unmutes the rooms it muted, leaving the ones that were muted before
   * as they were. Returns the job as it now stands and what the undo did.
   */
  async undo(id: string): Promise<{ job: Job | undefined } & GraceUndo> {
    const now = this.options.now();
    const job = await this.options.store.jobs.cancel(id, now);
    const grace = (job?.invocation as JobInvocation | undefined)?.grace;
    const nothing = { unmuted: [], leftMuted: [], warnings: [] };
    // Only the call that cancelled it (finished now) unmutes: a second undo must not lift a mute set since.
    const cancelledNow = job?.state === 'cancelled' && job.finishedAt?.getTime() === now.getTime();
    if (!job || !cancelledNow || !grace) return { job, ...nothing };
    const account = this.options.clients.accountMap().get(job.account);
    if (!account)
      return {
        job,
        ...nothing,
        warnings: [`account ${job.account} is no longer configured: rooms left muted`],
      };
    if (grace.muted.length === 0 && !grace.mutedBefore && !grace.unknownBefore) return { job, ...nothing };
    return { job, ...(await unmuteAfterUndo(await this.options.clients.client(account.name), grace)) };
  }

  /** The answer when a job was created: its id and state, for every front end. */
  createdOutcome(job: Job & { warnings?: string[] }, invocation: ValidInvocation): Outcome {
    const grace = (job.invocation as JobInvocation).grace;
    const undo = grace ? ` ${graceSummary(grace)} Undo before then: jobs cancel ${job.id}.` : '';
    const warned = job.warnings?.length ? ` Warning: ${job.warnings.join('; ')}.` : '';
    return {
      ...base(invocation),
      type: 'result',
      visibility: invocation.kind === 'read' ? 'private' : 'public',
      result: { job: jobJson(job) },
      ...(job.warnings?.length ? { warnings: job.warnings } : {}),
      view: this.jobView(jobJson(job)),
      summary:
        job.runAt.getTime() > job.createdAt.getTime()
          ? `Job ${job.id} scheduled for ${formatUtc(job.runAt)}: ${job.description}${undo}${warned}`
          : `Job ${job.id} started: ${job.description}`,
    };
  }

  /** A job as `jobs <id>` shows it: the jobs command owns how a job looks. */
  private jobView(job: JobJson): ResultView {
    return this.options.commands.find((c) => c.name === 'jobs')?.view({ job }) ?? {};
  }

  /** The answer when the selector matched nothing: nothing to confirm, nothing runs. */
  emptyOutcome(invocation: ValidInvocation, bulk: BulkParts): Outcome {
    return {
      ...base(invocation),
      type: 'result',
      visibility: 'private',
      result: { job: null, rooms: [] },
      // Shown as an empty room list: nothing matched.
      view: { table: { columns: ['id'], rows: [] } },
      summary: `No room on ${invocation.account!.name} matches ${describeSelector(bulk.selector)}; nothing to do.`,
    };
  }

  /**
   * Items in flight at once for a job: about 50 ms of the account's
   * `rateLimit` (100 requests/s → 5), at least 1, at most 10. The client's
   * pacer keeps the rate; this only keeps round trips from lowering it.
   */
  concurrencyFor(job: Job): number {
    const account = this.options.clients.accountMap().get(job.account);
    if (!account) return 1;
    return Math.max(1, Math.min(10, Math.round(rateOf(account) / 20)));
  }

  /** Runs one item: the template with this item's room, as the approver. */
  async executeItem(job: Job, item: JobItem, resumed: boolean): Promise<ItemResult> {
    const raw = itemInvocation(job.invocation as JobInvocation, item.room);
    let invocation: ValidInvocation;
    try {
      invocation = validateInvocation(raw, this.options.commands, this.options.clients.accountMap());
    } catch (error) {
      const outcome = errorOutcome(error, raw, this.options.clients, this.options.logger);
      return { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
    }
    const ctx = this.context(job, invocation);
    if (resumed) {
      // The previous owner died during this item: the vendor may have acted.
      const settled = await this.alreadySettled(invocation, ctx);
      if (settled) return settled;
    }
    const outcome = await executeInvocation(invocation, ctx, this.options.clients, {
      log: this.options.logger,
    });
    if (outcome.type === 'result') return { ok: true };
    if (outcome.type === 'error')
      return { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
    return { ok: false, error: { code: 'internal', message: `unexpected ${outcome.type} answer` } };
  }

  /**
   * For a resumed item: a read tells whether the vendor already did it
   * (`alreadyDone`). Without such a read nothing is sent twice: the item
   * fails saying so, for a person to check.
   */
  private async alreadySettled(
    invocation: ValidInvocation,
    ctx: RunContext,
  ): Promise<ItemResult | undefined> {
    const { spec, account } = invocation;
    if (!spec.takesAccount || !spec.alreadyDone || !account) {
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Interrupted while in flight, and ${spec.name} has no read to tell whether the vendor did it; not sent again. Check the room.`,
        },
      };
    }
    const client = await this.options.clients.client(account.name);
    try {
      return (await spec.alreadyDone(invocation.args, { ...ctx, account, client }))
        ? { ok: true }
        : undefined;
    } catch (error) {
      const message = isVendorError(error) ? error.message : 'the check failed';
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Interrupted, and could not check whether it was done (${message}); not sent again.`,
        },
      };
    }
  }

  private context(job: Job, invocation: ValidInvocation): RunContext {
    const approver: Principal = {
      platform: job.platform,
      id: job.approver,
      ...(job.approverName ? { displayName: job.approverName } : {}),
      groups: [],
    };
    const place: Place = {
      platform: job.platform,
      ...(job.channel ? { channel: job.channel } : {}),
      ...(job.guild ? { guild: job.guild } : {}),
    };
    return {
      account: invocation.account,
      client: null,
      store: this.options.store,
      principal: approver,
      place,
      now: this.options.now(),
      accounts: this.options.clients.accounts(),
      commands: this.options.commands,
      // What the store could not record after the vendor acted is logged whole (audit_write_failed …).
      afterVendor: new AfterVendorRecorder(this.options.logger),
    };
  }
}

/** What the grace delete did to the rooms' mutes, in a sentence or two. */
function graceSummary(grace: GraceMutes): string {
  const parts: string[] = [];
  if (grace.muted.length) parts.push(`Muted now: ${grace.muted.join(', ')}.`);
  if (grace.unknownBefore?.length)
    parts.push(`Muted now (earlier state unknown): ${grace.unknownBefore.join(', ')}.`);
  if (grace.mutedBefore?.length)
    parts.push(`Already muted before, and stays muted after an undo: ${grace.mutedBefore.join(', ')}.`);
  if (grace.notMuted?.length) parts.push(`Could not be muted: ${grace.notMuted.join(', ')}.`);
  return parts.length ? parts.join(' ') : 'Not muted (this vendor cannot mute everyone).';
}

function base(invocation: ValidInvocation): OutcomeBase {
  return {
    action: invocation.spec.name,
    account: invocation.account?.name ?? null,
    vendor: invocation.account?.vendor ?? null,
    kind: invocation.kind,
    visibility: 'public',
  };
}

export function rateOf(account: AccountRef): number {
  return account.config.rateLimit ?? DEFAULT_RATE_LIMIT[account.vendor];
}

function describePlan(invocation: ValidInvocation, bulk: BulkParts, rooms: readonly PlannedRoom[]): string {
  const account = invocation.account!;
  const shown = rooms
    .slice(0, SHOWN_ROOMS)
    .map((r) => (r.name && r.name !== r.id ? `${r.id} (${r.name})` : r.id))
    .join(', ');
  const more = rooms.length > SHOWN_ROOMS ? `, and ${rooms.length - SHOWN_ROOMS} more` : '';
  const rate = rateOf(account);
  const estimate = formatDuration((rooms.length / rate) * 1000);
  const what = `${invocation.spec.name} ${bulk.template.positionals.slice(1).join(' ')}`.trim();
  const consequence =
    invocation.spec.name === 'delete' ? ' Everyone in them is removed; this cannot be undone.' : '';
  return `${what} on ${rooms.length} room${rooms.length === 1 ? '' : 's'} of ${account.name} selected by ${describeSelector(bulk.selector)}: ${shown}${more}. Estimated time: ${estimate} at ${rate} requests/s.${consequence}`;
}
