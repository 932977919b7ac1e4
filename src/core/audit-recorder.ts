/**
 * Writes one audit entry for every invocation, denial, pending action,
 * decision, expiry and outcome. Arguments are stored as typed, with any
 * value under a credential-like key masked. A failing audit write never
 * turns a done vendor call into an error: the whole entry goes to the log as
 * one `audit_write_failed` line (to be replayed into the audit log), and the
 * caller gets a warning to show.
 */
import type { Job } from '../store/job-types.js';
import type { AuditEntry, AuditOutcome, PendingAction, Store } from '../store/types.js';
import { storeProblem } from './after-vendor.js';
import type { DecisionRequest, InvocationRequest } from './engine-api.js';
import { newErrorId } from './error-id.js';
import type { Logger } from './logger.js';
import type { ErrorOutcome, Outcome } from './outcome.js';
import type { Place, Principal, RawInvocation } from './types.js';
import type { ValidInvocation } from './validate.js';

const SECRET_KEY = /secret|token|password|passwd|api_?key|certificate|signature|credential/i;

export function redactArgs(raw: RawInvocation | undefined): Record<string, unknown> {
  if (!raw) return {};
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.options))
    options[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  return { positionals: raw.positionals, options, flags: raw.flags };
}

export class AuditRecorder {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  invalid(
    request: InvocationRequest,
    raw: RawInvocation | undefined,
    outcome: ErrorOutcome,
  ): Promise<string | undefined> {
    return this.write({
      ...who(request.principal, request.place),
      ...(outcome.account ? { account: outcome.account } : {}),
      action: raw?.action ?? 'unknown',
      args: redactArgs(raw),
      rooms: [],
      outcome: ['denied', 'access_unavailable'].includes(outcome.error.code) ? 'denied' : 'invalid',
      detail: `${outcome.error.code}: ${outcome.error.message}`.slice(0, 500),
    });
  }

  ran(
    request: Pick<InvocationRequest, 'principal' | 'place'>,
    invocation: ValidInvocation,
    outcome: Outcome,
    latencyMs: number,
    confirmed?: { by: string; at: Date; pendingId?: string },
  ): Promise<string | undefined> {
    const result: AuditOutcome =
      outcome.type === 'dry_run'
        ? 'dry_run'
        : outcome.type === 'result'
          ? 'ok'
          : outcome.type === 'error' && outcome.error.code === 'partial'
            ? 'partial'
            : 'failed';
    const detail =
      outcome.type === 'result'
        ? outcome.summary
        : outcome.type === 'error'
          ? `${outcome.error.code}: ${outcome.error.message}`
          : outcome.type === 'dry_run'
            ? `${outcome.requests.length} request(s) shown`
            : undefined;
    const requestId =
      outcome.type === 'result'
        ? outcome.requestId
        : outcome.type === 'error'
          ? outcome.error.requestId
          : undefined;
    return this.write({
      ...who(request.principal, request.place),
      ...fromInvocation(invocation),
      outcome: result,
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
      ...(requestId ? { vendorRequestId: requestId } : {}),
      latencyMs: Math.round(latencyMs),
      ...(confirmed ? { decidedBy: confirmed.by, decidedAt: confirmed.at } : {}),
      ...(confirmed?.pendingId ? { pendingId: confirmed.pendingId } : {}),
    });
  }

  notConfirmed(request: InvocationRequest, invocation: ValidInvocation): Promise<string | undefined> {
    return this.write({
      ...who(request.principal, request.place),
      ...fromInvocation(invocation),
      outcome: 'cancelled',
      detail: 'not_confirmed: destructive and not confirmed by the local user',
    });
  }

  pending(
    request: InvocationRequest,
    invocation: ValidInvocation,
    pending: PendingAction,
  ): Promise<string | undefined> {
    return this.write({
      ...who(request.principal, request.place),
      ...fromInvocation(invocation),
      outcome: 'pending',
      detail: `awaiting confirmation until ${pending.expiresAt.toISOString()}`,
      pendingId: pending.id,
    });
  }

  refused(request: DecisionRequest, pending: PendingAction, reason: string): Promise<string | undefined> {
    return this.write({
      ...who(request.principal, request.place),
      ...fromPending(pending),
      outcome: 'denied',
      detail: `${request.decision === 'approved' ? 'approve' : 'cancel'} refused: ${reason}`.slice(0, 500),
      pendingId: pending.id,
    });
  }

  decided(request: DecisionRequest, pending: PendingAction): Promise<string | undefined> {
    return this.write({
      ...who(request.principal, request.place),
      ...fromPending(pending),
      outcome: request.decision === 'approved' ? 'approved' : 'cancelled',
      pendingId: pending.id,
      decidedBy: request.principal.id,
      ...(pending.decidedAt ? { decidedAt: pending.decidedAt } : {}),
      detail: `requested by ${pending.requester}`,
    });
  }

  expired(pending: PendingAction): Promise<string | undefined> {
    return this.write({
      at: new Date(),
      actor: pending.requester,
      ...(pending.requesterName ? { actorName: pending.requesterName } : {}),
      platform: pending.platform,
      ...(pending.channel ? { channel: pending.channel } : {}),
      ...(pending.guild ? { guild: pending.guild } : {}),
      ...fromPending(pending),
      outcome: 'expired',
      pendingId: pending.id,
    });
  }

  /** A job was created (after its confirmation, or at once for reads and the CLI's --yes). */
  async jobCreated(job: Job, rooms: readonly string[]): Promise<void> {
    await this.write({
      ...fromJob(job),
      rooms: [...rooms],
      outcome: 'ok',
      detail: `job ${job.id} created, runs at ${job.runAt.toISOString()}: ${job.description}`.slice(0, 500),
    });
  }

  /** A person stopped or undid a job from its buttons (`job_cancel`, `job_undo`). */
  async jobCancelled(job: Job, by: Principal, undo: boolean): Promise<string | undefined> {
    const entry: Omit<AuditEntry, 'at' | 'outcome' | 'detail'> = { ...fromJob(job), actor: by.id };
    delete entry.actorName; // the approver's name; the actor here is whoever clicked
    return this.write({
      ...entry,
      ...(by.displayName ? { actorName: by.displayName } : {}),
      outcome: 'cancelled',
      detail: `job ${job.id} ${undo ? 'undone (cancelled, rooms unmuted)' : 'cancel requested'} by ${by.id}`,
    });
  }

  /** A job ended: done, failed (some items), cancelled or missed. */
  async jobEnded(job: Job, failedRooms: readonly string[]): Promise<void> {
    const outcome: AuditOutcome =
      job.state === 'done'
        ? 'ok'
        : job.state === 'failed'
          ? job.done > 0
            ? 'partial'
            : 'failed'
          : 'cancelled';
    await this.write({
      ...fromJob(job),
      rooms: [...failedRooms],
      outcome,
      detail: `job ${job.id} ${job.state}: ${job.done} done, ${job.failed} failed, ${job.total - job.done - job.failed} left`,
    });
  }

  /** Appends the entry; when that fails, logs it whole and returns a warning for the answer. */
  private async write(entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<string | undefined> {
    const full: AuditEntry = { at: new Date(), ...entry };
    try {
      await this.store.audit.append(full);
      return undefined;
    } catch (error) {
      const errorId = newErrorId();
      // Arguments are already redacted (redactArgs); the line is the entry as it would have been stored.
      this.logger.error(
        { event: 'audit_write_failed', errorId, entry: full, err: error },
        'audit_write_failed',
      );
      return `Not in the audit log: ${storeProblem(error)}; the entry is kept in the server log as audit_write_failed (error id ${errorId}).`;
    }
  }
}

function who(principal: Principal, place: Place) {
  return {
    actor: principal.id,
    ...(principal.displayName ? { actorName: principal.displayName } : {}),
    platform: principal.platform,
    ...(place.channel ? { channel: place.channel } : {}),
    ...(place.guild ? { guild: place.guild } : {}),
  };
}

function fromInvocation(invocation: ValidInvocation) {
  return {
    ...(invocation.account ? { account: invocation.account.name } : {}),
    action: invocation.spec.name,
    kind: invocation.kind,
    args: redactArgs(invocation.raw),
    rooms: invocation.rooms,
  };
}

function fromPending(pending: PendingAction) {
  return {
    account: pending.account,
    action: pending.action,
    kind: pending.kind,
    args: redactArgs(pending.invocation as RawInvocation),
    rooms: pending.rooms,
  };
}

function fromJob(job: Job) {
  return {
    actor: job.approver,
    ...(job.approverName ? { actorName: job.approverName } : {}),
    platform: job.platform,
    ...(job.channel ? { channel: job.channel } : {}),
    ...(job.guild ? { guild: job.guild } : {}),
    account: job.account,
    action: job.action,
    kind: job.kind,
    args: redactArgs((job.invocation as { raw: RawInvocation }).raw),
    rooms: [] as string[],
    decidedBy: job.approver,
  };
}
