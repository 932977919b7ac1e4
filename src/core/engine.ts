/**
 * The command core: parse → validate → authorize → confirm? → execute →
 * audit, the same for every front end. Adapters call `handle` and `decide`
 * and show what comes back.
 */
import { randomBytes } from 'node:crypto';
import type { Store, PendingAction, PromptRef } from '../store/types.js';
import type { CommandSpec, RunContext } from './command-spec.js';
import type {
  Accepted,
  DecisionRequest,
  EngineApi,
  InvocationRequest,
  RoomSuggestion,
} from './engine-api.js';
import { RoomOpsError } from './errors.js';
import type { Logger } from './logger.js';
import type { DecisionOutcome, ErrorOutcome, Outcome } from './outcome.js';
import { parseCommandText } from './parse/index.js';
import { fromTypedOptions } from './typed-options.js';
import type { Place, Principal, RawInvocation } from './types.js';
import { type ValidInvocation, validateInvocation, visibilityOf } from './validate.js';
import { AuditRecorder } from './audit-recorder.js';
import { errorOutcome } from './outcome-errors.js';
import { executeInvocation } from './execute.js';
import type { AccessPolicy } from './access-policy.js';
import type { ClientPool } from './client-pool.js';
import { RoomSuggester } from './room-suggester.js';
import { BulkJobs } from './jobs/bulk-jobs.js';
import { type JobRequest, jobRequest } from './jobs/job-request.js';
import type { JobRunnerHooks } from './jobs/job-runner.js';
import { hasSchedule } from './jobs/schedule.js';
import { hasSelector } from './jobs/selector.js';

export interface EngineOptions {
  commands: readonly CommandSpec[];
  clients: ClientPool;
  store: Store;
  access: AccessPolicy;
  logger: Logger;
  /** How long a confirmation stays open (DESIGN.md default 5 minutes). */
  confirmTimeoutMs: number;
  now?: () => Date;
}

export class Engine implements EngineApi {
  private readonly audit: AuditRecorder;
  private readonly suggester: RoomSuggester;
  private readonly bulk: BulkJobs;
  private readonly now: () => Date;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? (() => new Date());
    this.audit = new AuditRecorder(options.store, options.logger);
    this.suggester = new RoomSuggester(options.clients, options.store);
    this.bulk = new BulkJobs({
      commands: options.commands,
      clients: options.clients,
      store: options.store,
      audit: this.audit,
      now: this.now,
    });
  }

  /** What the job runner of this process calls: run an item, record a job's end. */
  jobHooks(): JobRunnerHooks {
    return {
      executeItem: (job, item, resumed) => this.bulk.executeItem(job, item, resumed),
      concurrencyFor: (job) => this.bulk.concurrencyFor(job),
      onJobEnd: async (job) => {
        const failed = await this.options.store.jobs.items(job.id, { state: 'failed' });
        await this.audit.jobEnded(
          job,
          failed.map((i) => i.room),
        );
      },
    };
  }

  commands(): readonly CommandSpec[] {
    return this.options.commands;
  }

  accountNames(): { name: string; vendor: string }[] {
    return this.options.clients.accounts().map((a) => ({ name: a.name, vendor: a.vendor }));
  }

  suggestRooms(account: string, typed: string, limit: number): Promise<RoomSuggestion[]> {
    return this.suggester.suggest(account, typed, limit);
  }

  healthy(): Promise<boolean> {
    return this.options.store.healthy();
  }

  attachPrompt(pendingId: string, prompt: PromptRef): Promise<void> {
    return this.options.store.pending.attachPrompt(pendingId, prompt);
  }

  async preview(request: InvocationRequest): Promise<ErrorOutcome | Accepted> {
    const checked = this.check(request);
    if ('error' in checked) return errorOutcome(checked.error, checked.raw, this.options.clients);
    const { invocation } = checked;
    return {
      type: 'accepted',
      kind: invocation.kind,
      visibility: visibilityOf(invocation),
      description: invocation.spec.describe(invocation.args, invocation.account),
      // Its plan (rooms, time) needs a vendor call: `handle` resolves and describes it.
      ...(checked.job ? { job: true as const } : {}),
    };
  }

  async handle(request: InvocationRequest): Promise<Outcome> {
    const started = performance.now();
    const checked = this.check(request);
    if ('error' in checked) {
      const outcome = errorOutcome(checked.error, checked.raw, this.options.clients);
      await this.audit.invalid(request, checked.raw, outcome);
      return outcome;
    }
    const { invocation } = checked;
    if (checked.job) return this.handleJob(request, invocation, checked.job);
    if (invocation.dryRun) {
      const outcome = await executeInvocation(
        invocation,
        this.context(invocation, request.principal, request.place),
        this.options.clients,
        { dryRun: true },
      );
      await this.audit.ran(request, invocation, outcome, performance.now() - started);
      return outcome;
    }
    // Only the local shell and CLI may confirm inline (a typed prompt or --yes);
    // chat users always go through the buttons.
    const inline = request.preconfirmed === true && request.principal.platform === 'shell';
    if (invocation.kind === 'destructive' && !inline) {
      // The shell has no buttons: its confirmation is the typed prompt or --yes, or nothing runs.
      if (request.principal.platform === 'shell') return this.notConfirmed(invocation, request);
      return this.requestConfirmation(invocation, request);
    }
    const outcome = await executeInvocation(
      invocation,
      this.context(invocation, request.principal, request.place),
      this.options.clients,
      {},
    );
    await this.audit.ran(
      request,
      invocation,
      outcome,
      performance.now() - started,
      inline ? { by: request.principal.id, at: this.now() } : undefined,
    );
    return outcome;
  }

  async decide(request: DecisionRequest): Promise<DecisionOutcome> {
    const pending = await this.options.store.pending.get(request.pendingId);
    if (!pending) return { type: 'unknown', id: request.pendingId };
    if (pending.state === 'pending' && pending.expiresAt <= this.now()) {
      // Past its time but not yet swept: let decide() mark it expired atomically.
    } else if (pending.state !== 'pending') {
      return { type: 'stale', pending, reason: pending.state === 'expired' ? 'expired' : 'already_decided' };
    }
    const permission =
      request.decision === 'approved'
        ? this.options.access.canApprove(request.principal, request.place, pending)
        : this.options.access.canCancel(request.principal, request.place, pending);
    if (!permission.allowed) {
      await this.audit.refused(request, pending, permission.reason);
      return { type: 'refused', pending, reason: permission.reason };
    }
    const now = this.now();
    const decided = await this.options.store.pending.decide(
      pending.id,
      request.decision,
      request.principal.id,
      request.principal.displayName,
      now,
    );
    if (!decided.won) {
      if (decided.reason === 'unknown') return { type: 'unknown', id: request.pendingId };
      const expiredNow = decided.reason === 'expired' && pending.state === 'pending';
      if (expiredNow) await this.audit.expired(decided.action);
      return {
        type: 'stale',
        pending: decided.action,
        reason: decided.reason,
        ...(expiredNow ? { expiredNow } : {}),
      };
    }
    await this.audit.decided(request, decided.action);
    const by = request.principal.id;
    const byName = request.principal.displayName;
    if (request.decision === 'cancelled') {
      return {
        type: 'decided',
        decision: 'cancelled',
        pending: decided.action,
        by,
        ...(byName ? { byName } : {}),
      };
    }
    const outcome = await this.runApproved(decided.action, request.principal);
    return {
      type: 'decided',
      decision: 'approved',
      pending: decided.action,
      by,
      ...(byName ? { byName } : {}),
      outcome,
    };
  }

  async expireDue(): Promise<PendingAction[]> {
    const expired = await this.options.store.pending.expireDue(this.now());
    for (const pending of expired) await this.audit.expired(pending);
    return expired;
  }

  /** Parse and validate and authorize: no vendor call, no audit. */
  private check(
    request: InvocationRequest,
  ): { invocation: ValidInvocation; job?: JobRequest } | { error: unknown; raw: RawInvocation | undefined } {
    let raw: RawInvocation | undefined;
    try {
      raw = this.toRaw(request);
      const accounts = this.options.clients.accountMap();
      const job = jobRequest(raw, this.options.commands, accounts, this.now());
      const validated = validateInvocation(job?.forValidation ?? raw, this.options.commands, accounts);
      // Several rooms make any mutation destructive (DESIGN.md "Kinds").
      const invocation: ValidInvocation = job
        ? {
            ...validated,
            raw: job.kept,
            ...(job.bulk ? { rooms: [], kind: validated.kind === 'read' ? 'read' : 'destructive' } : {}),
          }
        : validated;
      const decision = this.options.access.authorize(request.principal, request.place, invocation);
      if (!decision.allowed) return { error: new RoomOpsError('denied', decision.reason), raw };
      return job ? { invocation, job } : { invocation };
    } catch (error) {
      return { error, raw };
    }
  }

  private toRaw(request: InvocationRequest): RawInvocation {
    if (request.typed) {
      return fromTypedOptions(
        request.typed.action,
        request.typed.options,
        this.options.commands,
        this.options.clients.accountMap(),
      );
    }
    const parsed = parseCommandText(request.text ?? '');
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  }

  private async requestConfirmation(
    invocation: ValidInvocation,
    request: InvocationRequest,
    description?: string,
  ): Promise<Outcome> {
    const now = this.now();
    const { spec, account, args } = invocation;
    const pending = await this.options.store.pending.create({
      id: randomBytes(18).toString('base64url'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.confirmTimeoutMs),
      requester: request.principal.id,
      ...(request.principal.displayName ? { requesterName: request.principal.displayName } : {}),
      platform: request.principal.platform,
      ...(request.place.channel ? { channel: request.place.channel } : {}),
      ...(request.place.guild ? { guild: request.place.guild } : {}),
      account: account?.name ?? '',
      action: spec.name,
      kind: invocation.kind,
      invocation: invocation.raw,
      description: description ?? spec.describe(args, account),
      rooms: invocation.rooms,
    });
    await this.audit.pending(request, invocation, pending);
    const warning = spec.warning?.(args, account?.vendor ?? null);
    return {
      type: 'confirm',
      action: spec.name,
      account: account?.name ?? null,
      vendor: account?.vendor ?? null,
      kind: invocation.kind,
      visibility: 'public',
      pending,
      confirmLabel: spec.confirmLabel?.(args) ?? 'Confirm',
      ...(warning ? { warning } : {}),
    };
  }

  private async notConfirmed(
    invocation: ValidInvocation,
    request: InvocationRequest,
    description?: string,
  ): Promise<Outcome> {
    await this.audit.notConfirmed(request, invocation);
    return {
      type: 'error',
      action: invocation.spec.name,
      account: invocation.account?.name ?? null,
      vendor: invocation.account?.vendor ?? null,
      kind: invocation.kind,
      visibility: 'private',
      error: {
        code: 'not_confirmed',
        message: `Not confirmed, nothing was sent: ${description ?? invocation.spec.describe(invocation.args, invocation.account)} Confirm with --yes (roomops run) or by typing yes (the shell); --dry-run shows the requests.`,
      },
    };
  }

  /** Runs an approved action as its requester, re-validated against today's config. */
  private async runApproved(pending: PendingAction, approver: Principal): Promise<Outcome> {
    const started = performance.now();
    const requester: Principal = {
      platform: pending.platform,
      id: pending.requester,
      ...(pending.requesterName ? { displayName: pending.requesterName } : {}),
      groups: [],
    };
    const place: Place = {
      platform: pending.platform,
      ...(pending.channel ? { channel: pending.channel } : {}),
      ...(pending.guild ? { guild: pending.guild } : {}),
    };
    const raw = pending.invocation as RawInvocation;
    if (hasSelector(raw) || hasSchedule(raw))
      return this.approvedJob(pending, raw, requester, approver, place);
    let outcome: Outcome;
    try {
      const invocation = validateInvocation(raw, this.options.commands, this.options.clients.accountMap());
      outcome = await executeInvocation(
        invocation,
        this.context(invocation, requester, place),
        this.options.clients,
        {},
      );
      if (outcome.type === 'result') {
        outcome = {
          ...outcome,
          approvedBy: approver.displayName ?? approver.id,
          approvedAt: pending.decidedAt ?? this.now(),
        };
      }
      await this.audit.ran(
        { principal: requester, place },
        invocation,
        outcome,
        performance.now() - started,
        {
          by: approver.id,
          at: pending.decidedAt ?? this.now(),
          pendingId: pending.id,
        },
      );
    } catch (error) {
      outcome = errorOutcome(error, raw, this.options.clients);
    }
    const state = outcome.type === 'result' ? 'done' : 'failed';
    const stored =
      outcome.type === 'result'
        ? { result: outcome.result }
        : outcome.type === 'error'
          ? { error: outcome.error }
          : {};
    await this.options.store.pending.finish(pending.id, state, stored, this.now());
    return outcome;
  }

  /**
   * A selector or a schedule: resolve the plan now (bulk), describe it with its
   * time, then confirm it once, or create the job at once (reads, a write
   * scheduled for later, the CLI's --yes).
   */
  private async handleJob(
    request: InvocationRequest,
    invocation: ValidInvocation,
    job: JobRequest,
  ): Promise<Outcome> {
    const started = performance.now();
    const refuse = async (field: string, message: string) => {
      const outcome = errorOutcome(
        new RoomOpsError('invalid_input', message, { field, usage: invocation.spec.usage }),
        invocation.raw,
        this.options.clients,
      );
      await this.audit.invalid(request, invocation.raw, outcome);
      return outcome;
    };
    if (invocation.dryRun)
      return refuse('--dry-run', '--dry-run shows one call now: leave out the selector and at=/in=.');
    if (job.runAt && invocation.kind === 'read') {
      return refuse(
        job.scheduleField ?? 'at',
        `at= and in= schedule changes; ${invocation.spec.name} only reads.`,
      );
    }
    let prepared;
    try {
      prepared = await this.bulk.prepare(invocation, job);
    } catch (error) {
      const outcome = errorOutcome(error, invocation.raw, this.options.clients);
      await this.audit.ran(request, invocation, outcome, performance.now() - started);
      return outcome;
    }
    if ('nothing' in prepared) {
      await this.audit.ran(request, invocation, prepared.nothing, performance.now() - started);
      return prepared.nothing;
    }
    const { rooms, description } = prepared;
    const planned: ValidInvocation = { ...invocation, rooms };
    const inline = request.preconfirmed === true && request.principal.platform === 'shell';
    if (invocation.kind === 'destructive' && !inline) {
      if (request.principal.platform === 'shell') return this.notConfirmed(planned, request, description);
      return this.requestConfirmation(planned, request, description);
    }
    const created = await this.bulk.createJob({
      jobInvocation: job.jobInvocation,
      invocation: planned,
      items: job.bulk ? rooms : [rooms.join(',')],
      description,
      requester: request.principal,
      approver: request.principal,
      place: request.place,
      ...(job.runAt ? { runAt: job.runAt } : {}),
    });
    return this.bulk.createdOutcome(created, planned);
  }

  /** An approved job prompt: the job runs exactly the rooms that were shown, at the time that was shown. */
  private async approvedJob(
    pending: PendingAction,
    raw: RawInvocation,
    requester: Principal,
    approver: Principal,
    place: Place,
  ): Promise<Outcome> {
    let outcome: Outcome;
    try {
      const accounts = this.options.clients.accountMap();
      const job = jobRequest(raw, this.options.commands, accounts, this.now(), { allowPast: true })!;
      const validated = validateInvocation(job.forValidation, this.options.commands, accounts);
      const invocation: ValidInvocation = { ...validated, raw, rooms: pending.rooms, kind: pending.kind };
      const created = await this.bulk.createJob({
        jobInvocation: job.jobInvocation,
        invocation,
        items: job.bulk ? pending.rooms : [pending.rooms.join(',')],
        description: pending.description,
        requester,
        approver,
        place,
        ...(job.runAt ? { runAt: job.runAt } : {}),
      });
      outcome = {
        ...this.bulk.createdOutcome(created, invocation),
        approvedBy: approver.displayName ?? approver.id,
        approvedAt: pending.decidedAt ?? this.now(),
      } as Outcome;
    } catch (error) {
      outcome = errorOutcome(error, raw, this.options.clients);
    }
    const state = outcome.type === 'result' ? 'done' : 'failed';
    const stored =
      outcome.type === 'result'
        ? { result: outcome.result }
        : outcome.type === 'error'
          ? { error: outcome.error }
          : {};
    await this.options.store.pending.finish(pending.id, state, stored, this.now());
    return outcome;
  }

  private context(invocation: ValidInvocation, principal: Principal, place: Place): RunContext {
    return {
      account: invocation.account,
      client: null,
      store: this.options.store,
      principal,
      place,
      now: this.now(),
      accounts: this.options.clients.accounts(),
      commands: this.options.commands,
      cancelJob: async (id) => {
        const job = await this.options.store.jobs.get(id);
        if (!job) return { job: undefined, warnings: [] };
        // DESIGN.md: the requester, or whoever may run the job's kind on its account.
        const permission = this.options.access.canCancel(principal, place, job);
        if (!permission.allowed) throw new RoomOpsError('denied', permission.reason);
        return this.bulk.undo(id);
      },
    };
  }
}
