/**
 * Runs durable jobs in this process (every serving process and `roomops
 * worker` has one). It leases one job at a time from the store, renews the
 * lease every `leaseMs / 3` (≤ 10 s), and works through the items in order;
 * each item is started and finished under the lease, so when this process
 * dies another one resumes from the first unfinished item, and an item that
 * was in flight is handed over as `resumed` for a read before any resend.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job, JobItem, JobItemError } from '../../store/job-types.js';
import type { Store } from '../../store/types.js';
import type { Logger } from '../logger.js';

export type ItemResult = { ok: true } | { ok: false; error: JobItemError };

export interface JobRunnerHooks {
  /** Runs one item; never throws for vendor failures (the runner turns a throw into `internal`). */
  executeItem(job: Job, item: JobItem, resumed: boolean): Promise<ItemResult>;
  /** After each item is recorded (metrics `roomops_job_items_total{outcome}`, live progress). */
  onItem?(job: Job, item: JobItem, result: ItemResult): void;
  /** When a job ends here (done, failed, cancelled) or is found missed. */
  onJobEnd?(job: Job): Promise<void> | void;
  /**
   * How many items of this job may be in flight at once (default 1). Paced
   * clients keep the rate; a few in flight keep request latency from
   * lowering it below the account's `rateLimit`.
   */
  concurrencyFor?(job: Job): number;
}

export interface JobRunnerOptions extends JobRunnerHooks {
  store: Store;
  logger: Logger;
  /** How often to look for due work when idle (default 1 s). */
  pollMs?: number;
  /** Lease length; renewed every third of it (default 30 s, so renewed every 10 s). */
  leaseMs?: number;
  /** A job due longer ago than this and never started is `missed` (scheduleGraceMinutes). */
  missedAfterMs: number;
  now?: () => Date;
}

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_LEASE_MS = 30_000;
/** DESIGN.md: the lease is renewed at least every 10 s. */
const MAX_RENEW_MS = 10_000;

export class JobRunner {
  /** Unique per process start: a restarted process must not mistake an old lease for its own. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  readonly #options: JobRunnerOptions;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #now: () => Date;
  #running = false;
  #loop: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #current: string | undefined;
  readonly #itemListeners = new Set<(job: Job, item: JobItem, result: ItemResult) => void>();
  readonly #endListeners = new Set<(job: Job) => Promise<void> | void>();

  constructor(options: JobRunnerOptions) {
    this.#options = options;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#now = options.now ?? (() => new Date());
  }

  get started(): boolean {
    return this.#running;
  }

  /** Idempotent. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /**
   * Tells `listener` each item's outcome as it is recorded (metrics
   * `roomops_job_items_total{outcome}`); returns a function that removes it.
   */
  onItemOutcome(listener: (job: Job, item: JobItem, result: ItemResult) => void): () => void {
    this.#itemListeners.add(listener);
    return () => this.#itemListeners.delete(listener);
  }

  /**
   * Tells `listener` when a job ends here (or is found missed), after the
   * end is recorded (chat front ends show the final message); returns a
   * function that removes it.
   */
  onJobEnded(listener: (job: Job) => Promise<void> | void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  /** Looks for work now instead of at the next poll (a job was just created here). */
  poke(): void {
    this.#wake?.();
  }

  /**
   * Stops taking work; the item in flight finishes, then the lease is
   * released so another process resumes the job at once. Idempotent.
   */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let worked = false;
      try {
        worked = await this.#claimAndRun();
      } catch (error) {
        this.#options.logger.error({ err: error }, 'job runner: store error; retrying');
      }
      if (!worked && this.#running) await this.#sleep();
    }
  }

  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.#timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
      this.#timer = setTimeout(done, this.#pollMs);
      this.#timer.unref();
    });
  }

  async #claimAndRun(): Promise<boolean> {
    const { store } = this.#options;
    const { job, missed } = await store.jobs.claim(
      this.owner,
      this.#now(),
      this.#leaseMs,
      this.#options.missedAfterMs,
    );
    for (const m of missed) await this.#ended(m);
    if (!job) return missed.length > 0;
    this.#current = job.id;
    const renewEvery = Math.min(MAX_RENEW_MS, Math.floor(this.#leaseMs / 3));
    let lost = false;
    const renewer = setInterval(() => {
      store.jobs
        .renew(job.id, this.owner, this.#now(), this.#leaseMs)
        .then((held) => {
          if (!held) lost = true;
        })
        .catch((error: unknown) =>
          this.#options.logger.warn({ err: error, job: job.id }, 'lease renewal failed'),
        );
    }, renewEvery);
    renewer.unref();
    try {
      await this.#work(job, () => lost);
    } finally {
      clearInterval(renewer);
      this.#current = undefined;
    }
    return true;
  }

  async #work(job: Job, leaseLost: () => boolean): Promise<void> {
    const { store, logger } = this.#options;
    const width = Math.max(1, Math.floor(this.#options.concurrencyFor?.(job) ?? 1));
    const inFlight = new Set<Promise<void>>();
    let lost = false;
    // Items start in order; items this process has started are never handed out again.
    let lastStarted = -1;
    let stopReason: 'stopping' | 'lease_lost' | 'none_left' | 'cancel_requested';
    for (;;) {
      if (!this.#running) {
        stopReason = 'stopping';
        break;
      }
      if (leaseLost() || lost) {
        stopReason = 'lease_lost';
        break;
      }
      if (inFlight.size >= width) {
        await Promise.race(inFlight);
        continue;
      }
      const started = await store.jobs.startItem(job.id, this.owner, lastStarted);
      if (typeof started === 'string') {
        stopReason = started;
        break;
      }
      lastStarted = started.item.seq;
      const running = this.#runItem(job, started.item, started.resumed).then((recorded) => {
        if (!recorded) lost = true;
      });
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    }
    await Promise.all(inFlight);
    if (stopReason === 'stopping') {
      await store.jobs.release(job.id, this.owner);
      logger.info({ job: job.id }, 'job lease released for another process to resume');
      return;
    }
    if (stopReason === 'lease_lost' || lost) return;
    const current = await store.jobs.get(job.id);
    const state =
      stopReason === 'cancel_requested' ? 'cancelled' : (current?.failed ?? 0) > 0 ? 'failed' : 'done';
    const ended = await store.jobs.finish(job.id, this.owner, state, this.#now());
    if (ended) await this.#ended(ended);
  }

  /** Runs and records one item; false when the lease was lost before it could be recorded. */
  async #runItem(job: Job, item: JobItem, resumed: boolean): Promise<boolean> {
    const { store, logger } = this.#options;
    let result: ItemResult;
    try {
      result = await this.#options.executeItem(job, item, resumed);
    } catch (error) {
      logger.error({ err: error, job: job.id, room: item.room }, 'job item threw');
      result = {
        ok: false,
        error: { code: 'internal', message: 'The item failed unexpectedly; see the log.' },
      };
    }
    let recorded = false;
    try {
      recorded = await store.jobs.finishItem(job.id, this.owner, item.seq, result, this.#now());
    } catch (error) {
      logger.error(
        { err: error, job: job.id, room: item.room },
        'could not record a job item; it will be re-checked',
      );
    }
    if (!recorded) return false;
    this.#options.onItem?.(job, item, result);
    for (const listener of this.#itemListeners) {
      try {
        listener(job, item, result);
      } catch (error) {
        logger.warn({ err: error, job: job.id }, 'job item listener failed');
      }
    }
    return true;
  }

  async #ended(job: Job): Promise<void> {
    try {
      await this.#options.onJobEnd?.(job);
    } catch (error) {
      this.#options.logger.error({ err: error, job: job.id }, 'job end hook failed');
    }
    for (const listener of this.#endListeners) {
      try {
        await listener(job);
      } catch (error) {
        this.#options.logger.warn({ err: error, job: job.id }, 'job end listener failed');
      }
    }
  }

  /** The job this process is working on, if any (for shutdown logs). */
  get current(): string | undefined {
    return this.#current;
  }
}
