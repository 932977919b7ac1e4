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
  SuggestionRequest,
} from './engine-api.js';
import { RoomOpsError } from './errors.js';
import type { Logger } from './logger.js';
import type { DecisionOutcome, ErrorOutcome, Outcome } from './outcome.js';
import { parseCommandText } from './parse/index.js';
import { fromTypedOptions } from './typed-options.js';
import type { Place, PlatformName, Principal, RawInvocation } from './types.js';
import { type ValidInvocation, validateInvocation, visibilityOf } from './validate.js';
import { AfterVendorRecorder, storeProblem, withWarnings } from './after-vendor.js';
import { AuditRecorder } from './audit-recorder.js';
import { newErrorId } from './error-id.js';
import { errorOutcome, toOutcomeError } from './outcome-errors.js';
import { executeInvocation } from './execute.js';
import type { AccessPolicy } from './access-policy.js';
import type { ClientPool } from './client-pool.js';
import { RoomSuggester } from './room-suggester.js';
import {
  HOME_AUDIT_ENTRIES,
  HOME_JOBS,
  HOME_PENDING_SCAN,
  type HomeData,
  type HomeJob,
  type HomePending,
  placeOfPending,
} from './home.js';
import { supportedActions } from './support.js';
import { VENDOR_LABEL } from '../vendors/capabilities.js';
import { BulkJobs } from './jobs/bulk-jobs.js';
import { type JobRequest, jobRequest } from './jobs/job-request.js';
import type { JobRunnerHooks } from './jobs/job-runner.js';
import { hasSchedule } from './jobs/schedule.js';
import { hasSelector } from './jobs/selector.js';
import {
  MAX_TYPED_LENGTH,
  type TypeToConfirm,
  mistypedMessage,
  typeToConfirmFor,
  typedMatches,
  typingFor,
} from './jobs/type-to-confirm.js';
import { DEFAULT_BULK_TYPE_TO_CONFIRM } from './config/schema.js';
import {
  type JobControl,
  type JobControlOutcome,
  type JobControlRequest,
  JobControls,
  controlsFor,
} from './jobs/job-controls.js';
import { type JobReport, jobReport } from './jobs/job-report.js';

export interface EngineOptions {
  commands: readonly CommandSpec[];
  clients: ClientPool;
  store: Store;
  access: AccessPolicy;
  logger: Logger;
  /** How long a confirmation stays open (DESIGN.md default 5 minutes). */
  confirmTimeoutMs: number;
  /** A selector matching more rooms than this asks for the account name to be typed (DESIGN.md default 10). */
  bulkTypeToConfirm?: number;
  now?: () => Date;
}

export class Engine implements EngineApi {
  private readonly audit: AuditRecorder;
  private readonly suggester: RoomSuggester;
  private readonly bulk: BulkJobs;
  private readonly controls: JobControls;
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
      logger: options.logger,
      now: this.now,
    });
    this.controls = new JobControls({
      store: options.store,
      access: options.access,
      bulk: this.bulk,
      audit: this.audit,
      now: this.now,
    });
  }

  controlJob(request: JobControlRequest): Promise<JobControlOutcome> {
    return this.controls.act(request);
  }

  async attachJobPrompt(jobId: string, prompt: PromptRef): Promise<JobControl[]> {
    await this.options.store.jobs.attachPrompt(jobId, prompt);
    const job = await this.options.store.jobs.get(jobId);
    return job ? controlsFor(job) : [];
  }

  async jobReport(jobId: string): Promise<JobReport | undefined> {
    const job = await this.options.store.jobs.get(jobId);
    if (!job) return undefined;
    return jobReport(job, await this.options.store.jobs.items(job.id, { state: 'failed' }), this.now());
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

  suggestAccounts(request: SuggestionRequest): { name: string; vendor: string }[] {
    const needle = request.typed.trim().toLowerCase();
    return this.accountNames().filter(
      (a) =>
        a.name.toLowerCase().includes(needle) &&
        this.options.access.mayRead(request.principal, request.place, a.name).allowed,
    );
  }

  async suggestRooms(
    request: SuggestionRequest & { account: string; limit: number },
  ): Promise<RoomSuggestion[]> {
    if (!this.options.access.mayRead(request.principal, request.place, request.account).allowed) return [];
    return this.suggester.suggest(request.account, request.typed, request.limit);
  }

  groupPrincipals(platform: 'slack' | 'discord'): string[] {
    return this.options.access.groupPrincipals(platform);
  }

  healthy(): Promise<boolean> {
    return this.options.store.healthy();
  }

  attachPrompt(pendingId: string, prompt: PromptRef): Promise<void> {
    return this.options.store.pending.attachPrompt(pendingId, prompt);
  }

  async preview(request: InvocationRequest): Promise<ErrorOutcome | Accepted> {
    const checked = this.check(request);
    if ('error' in checked) return this.errorOutcome(checked.error, checked.raw);
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
    const checked = this.check(request);
    if ('error' in checked) {
      const outcome = this.errorOutcome(checked.error, checked.raw);
      return withWarnings(outcome, [await this.audit.invalid(request, checked.raw, outcome)]);
    }
    try {
      if (checked.job) return await this.handleJob(request, checked.invocation, checked.job);
      return await this.handleValid(checked.invocation, request);
    } catch (error) {
      // Only a failure before any vendor call gets here (the store creating
      // the pending action or the job, or building the client): nothing was done.
      return this.errorOutcome(error, checked.invocation.raw);
    }
  }

  private async handleValid(invocation: ValidInvocation, request: InvocationRequest): Promise<Outcome> {
    const started = performance.now();
    if (invocation.dryRun) {
      const ctx = this.context(invocation, request.principal, request.place);
      const outcome = await executeInvocation(invocation, ctx, this.options.clients, {
        dryRun: true,
        log: this.options.logger,
      });
      return withWarnings(outcome, [
        await this.audit.ran(request, invocation, outcome, performance.now() - started),
      ]);
    }
    // Only the local shell and CLI may confirm inline (a typed prompt or --yes);
    // chat users always go through the buttons.
    const inline = request.preconfirmed === true && request.principal.platform === 'shell';
    if (invocation.kind === 'destructive' && !inline) {
      // The shell has no buttons: its confirmation is the typed prompt or --yes, or nothing runs.
      if (request.principal.platform === 'shell') return this.notConfirmed(invocation, request);
      return this.requestConfirmation(invocation, request);
    }
    const ctx = this.context(invocation, request.principal, request.place);
    const outcome = withWarnings(
      await executeInvocation(invocation, ctx, this.options.clients, { log: this.options.logger }),
      ctx.afterVendor.warnings,
    );
    const auditWarning = await this.audit.ran(
      request,
      invocation,
      outcome,
      performance.now() - started,
      inline ? { by: request.principal.id, at: this.now() } : undefined,
    );
    return withWarnings(outcome, [auditWarning]);
  }

  async home(principal: Principal): Promise<HomeData> {
    const { access, store, clients, commands } = this.options;
    const open = await store.pending.listOpen(this.now(), HOME_PENDING_SCAN);
    const pending: HomePending[] = [];
    for (const p of open) {
      // Only prompts on this person's platform: a decision here must be able to update its prompt.
      if (p.platform !== principal.platform) continue;
      const place = placeOfPending(p);
      const canApprove = access.canApprove(principal, place, p).allowed;
      const canCancel = access.canCancel(principal, place, p).allowed;
      if (canApprove || canCancel)
        pending.push({
          pending: p,
          confirmLabel: this.confirmLabelOf(p),
          canApprove,
          canCancel,
          ...(this.typingFor(p) ? { typed: true } : {}),
        });
    }
    const accounts = access.mayView(principal, 'accounts')
      ? clients.accounts().map((a) => ({
          name: a.name,
          vendorName: VENDOR_LABEL[a.vendor],
          actions: supportedActions(commands, a.vendor),
        }))
      : [];
    const audit = access.mayView(principal, 'audit')
      ? await store.audit.query({ actor: principal.id, limit: HOME_AUDIT_ENTRIES })
      : [];
    // Running and scheduled jobs, on accounts this person may read (DESIGN.md "Slack App Home").
    const jobs: HomeJob[] = [];
    const states = access.mayView(principal, 'jobs') ? (['running', 'scheduled'] as const) : [];
    for (const state of states) {
      for (const job of await store.jobs.list({ state, limit: HOME_JOBS })) {
        jobs.push({
          id: job.id,
          action: job.action,
          account: job.account,
          state: job.state,
          runAt: job.state === 'running' ? (job.startedAt ?? job.runAt) : job.runAt,
          total: job.total,
          done: job.done,
          failed: job.failed,
        });
      }
    }
    return { accounts, pending, jobs, audit };
  }

  async decide(request: DecisionRequest): Promise<DecisionOutcome> {
    try {
      return await this.decideRecorded(request);
    } catch (error) {
      // The store failed before the decision was recorded (runApproved never
      // throws), so nothing ran: the clicker may try again.
      return { type: 'failed', id: request.pendingId, error: toOutcomeError(error, this.options.logger) };
    }
  }

  async typeToConfirm(request: DecisionRequest): Promise<TypeToConfirm | undefined> {
    if (request.decision !== 'approved') return undefined;
    const pending = await this.options.store.pending.get(request.pendingId);
    if (!pending || pending.state !== 'pending' || pending.expiresAt <= this.now()) return undefined;
    if (request.fromHome && pending.platform !== request.principal.platform) return undefined;
    const place = request.fromHome ? placeOfPending(pending) : request.place;
    if (!this.options.access.canApprove(request.principal, place, pending).allowed) return undefined;
    return this.typingFor(pending);
  }

  private typingFor(pending: PendingAction): TypeToConfirm | undefined {
    return typeToConfirmFor(pending, this.options.bulkTypeToConfirm ?? DEFAULT_BULK_TYPE_TO_CONFIRM);
  }

  private async decideRecorded(request: DecisionRequest): Promise<DecisionOutcome> {
    const pending = await this.options.store.pending.get(request.pendingId);
    if (!pending) return { type: 'unknown', id: request.pendingId };
    if (request.fromHome) {
      if (pending.platform !== request.principal.platform) return { type: 'unknown', id: request.pendingId };
      request = { ...request, place: placeOfPending(pending) };
    }
    if (pending.state === 'pending' && pending.expiresAt <= this.now()) {
      // Past its time but not yet swept: let decide() mark it expired atomically.
    } else if (pending.state !== 'pending') {
      return { type: 'stale', pending, reason: pending.state === 'expired' ? 'expired' : 'already_decided' };
    }
    const permission =
      request.decision === 'approved'
        ? this.options.access.canApprove(request.principal, request.place, pending)
        : this.options.access.canCancel(request.principal, request.place, pending);
    const typing =
      request.decision === 'approved' && permission.allowed ? this.typingFor(pending) : undefined;
    if (typing && !typedMatches(request.typed?.slice(0, MAX_TYPED_LENGTH), typing.expected)) {
      // A bare click (or a forged one) cannot approve a large plan: only the typed name can.
      if (request.typed !== undefined)
        await this.audit.refused(request, pending, 'the account name was mistyped');
      return { type: 'mistyped', pending, message: mistypedMessage(typing, request.typed) };
    }
    if (!permission.allowed) {
      await this.audit.refused(request, pending, permission.reason);
      return {
        type: 'refused',
        pending,
        reason: permission.reason,
        ...(permission.code ? { code: permission.code } : {}),
      };
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
    const decidedWarning = await this.audit.decided(request, decided.action);
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
    const outcome = withWarnings(await this.runApproved(decided.action, request.principal), [decidedWarning]);
    return {
      type: 'decided',
      decision: 'approved',
      pending: decided.action,
      by,
      ...(byName ? { byName } : {}),
      outcome,
    };
  }

  async expireDue(platforms: readonly PlatformName[]): Promise<PendingAction[]> {
    const expired = await this.options.store.pending.expireDue(this.now(), platforms);
    for (const pending of expired) await this.audit.expired(pending);
    return expired;
  }

  /** The confirm button's label for a pending action, as its prompt showed it. */
  private confirmLabelOf(pending: PendingAction): string {
    try {
      const invocation = validateInvocation(
        pending.invocation as RawInvocation,
        this.options.commands,
        this.options.clients.accountMap(),
      );
      return invocation.spec.confirmLabel?.(invocation.args) ?? 'Confirm';
    } catch {
      // The config changed since: the approval will re-validate and say what is wrong.
      return 'Confirm';
    }
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
      if (!decision.allowed)
        return { error: new RoomOpsError(decision.code ?? 'denied', decision.reason), raw };
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
    const auditWarning = await this.audit.pending(request, invocation, pending);
    const warning = spec.warning?.(args, account?.vendor ?? null);
    const typing = this.typingFor(pending);
    return withWarnings<Outcome>(
      {
        type: 'confirm',
        action: spec.name,
        account: account?.name ?? null,
        vendor: account?.vendor ?? null,
        kind: invocation.kind,
        visibility: 'public',
        pending,
        confirmLabel: spec.confirmLabel?.(args) ?? 'Confirm',
        ...(warning ? { warning } : {}),
        ...(typing ? { typeToConfirm: typing.expected } : {}),
      },
      [auditWarning],
    );
  }

  private async notConfirmed(
    invocation: ValidInvocation,
    request: InvocationRequest,
    description?: string,
  ): Promise<Outcome> {
    const auditWarning = await this.audit.notConfirmed(request, invocation);
    const typing = typingFor(
      {
        account: invocation.account?.name ?? '',
        action: invocation.spec.name,
        rooms: invocation.rooms,
        invocation: invocation.raw,
      },
      this.options.bulkTypeToConfirm ?? DEFAULT_BULK_TYPE_TO_CONFIRM,
    );
    return withWarnings<Outcome>(
      {
        type: 'error',
        action: invocation.spec.name,
        account: invocation.account?.name ?? null,
        vendor: invocation.account?.vendor ?? null,
        kind: invocation.kind,
        visibility: 'private',
        error: {
          code: 'not_confirmed',
          message: `Not confirmed, nothing was sent: ${description ?? invocation.spec.describe(invocation.args, invocation.account)} Confirm with --yes (roomops run) or by typing yes (the shell); --dry-run shows the requests.`,
          // A plan this large is confirmed in the shell by typing the account name, as in chat.
          ...(typing ? { typeToConfirm: typing.expected } : {}),
        },
      },
      [auditWarning],
    );
  }

  /**
   * Runs an approved action as its requester, re-validated against today's
   * config. Never throws: what the vendor did is always answered, and a
   * record the store could not write becomes a warning.
   */
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
      const ctx = this.context(invocation, requester, place);
      outcome = withWarnings(
        await executeInvocation(invocation, ctx, this.options.clients, { log: this.options.logger }),
        ctx.afterVendor.warnings,
      );
      if (outcome.type === 'result') {
        outcome = {
          ...outcome,
          approvedBy: approver.displayName ?? approver.id,
          approvedAt: pending.decidedAt ?? this.now(),
        };
      }
      const auditWarning = await this.audit.ran(
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
      outcome = withWarnings(outcome, [auditWarning]);
    } catch (error) {
      outcome = this.errorOutcome(error, raw);
    }
    return withWarnings(outcome, [await this.finishApproved(pending, outcome)]);
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
      const outcome = this.errorOutcome(
        new RoomOpsError('invalid_input', message, { field, usage: invocation.spec.usage }),
        invocation.raw,
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
      const outcome = this.errorOutcome(error, invocation.raw);
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
      outcome = this.errorOutcome(error, raw);
    }
    return withWarnings(outcome, [await this.finishApproved(pending, outcome)]);
  }

  /** Records the outcome of an approved action (what the vendor did, or why not). */
  private finishApproved(pending: PendingAction, outcome: Outcome): Promise<string | undefined> {
    const state = outcome.type === 'result' ? 'done' : 'failed';
    const stored =
      outcome.type === 'result'
        ? { result: outcome.result }
        : outcome.type === 'error'
          ? { error: outcome.error }
          : {};
    return this.finishPending(pending, state, stored);
  }

  /** Records how an approved action ended; a failure is logged whole and returned as a warning. */
  private async finishPending(
    pending: PendingAction,
    state: 'done' | 'failed',
    stored: unknown,
  ): Promise<string | undefined> {
    try {
      await this.options.store.pending.finish(pending.id, state, stored, this.now());
      return undefined;
    } catch (error) {
      const errorId = newErrorId();
      this.options.logger.error(
        {
          event: 'pending_finish_failed',
          errorId,
          pendingId: pending.id,
          state,
          outcome: stored,
          err: error,
        },
        'pending_finish_failed',
      );
      return `The confirmation could not be marked ${state}: ${storeProblem(error)} (error id ${errorId}); it stays approved and cannot run again.`;
    }
  }

  private errorOutcome(error: unknown, raw: RawInvocation | undefined) {
    return errorOutcome(error, raw, this.options.clients, this.options.logger);
  }

  private context(
    invocation: ValidInvocation,
    principal: Principal,
    place: Place,
  ): RunContext & { afterVendor: AfterVendorRecorder } {
    return {
      account: invocation.account,
      client: null,
      store: this.options.store,
      afterVendor: new AfterVendorRecorder(this.options.logger),
      principal,
      place,
      now: this.now(),
      accounts: this.options.clients.accounts(),
      commands: this.options.commands,
      cancelJob: async (id) => {
        const job = await this.options.store.jobs.get(id);
        if (!job) return { job: undefined, unmuted: [], leftMuted: [], warnings: [] };
        // DESIGN.md: the requester, or whoever may run the job's kind on its account.
        const permission = this.options.access.canCancel(principal, place, job);
        if (!permission.allowed) throw new RoomOpsError('denied', permission.reason);
        return this.bulk.undo(id);
      },
    };
  }
}
