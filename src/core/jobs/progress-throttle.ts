/**
 * Paces a job's message updates (DESIGN.md: at most one every 2 s): the
 * first item shows at once, later ones at most every `intervalMs` with the
 * latest counts (a trailing update, so the last items before a pause are
 * shown), and the end always shows, after any update still in flight, so
 * progress never overwrites the final message. Updates of one job are sent
 * one after another; a failed update is logged and does not stop the next.
 */
import type { Logger } from '../logger.js';

export const PROGRESS_INTERVAL_MS = 2_000;
/** A process runs one job at a time; more tracked than this means ends were missed. */
const MAX_TRACKED = 100;

interface Tracked {
  lastAt: number;
  timer?: NodeJS.Timeout;
  /** The updates of this job, chained so they arrive in order. */
  chain: Promise<void>;
  ended: boolean;
}

export class ProgressThrottle {
  readonly #jobs = new Map<string, Tracked>();
  readonly #intervalMs: number;

  constructor(
    private readonly show: (jobId: string) => Promise<void>,
    private readonly logger: Logger,
    options: { intervalMs?: number; now?: () => number } = {},
  ) {
    this.#intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  /** An item of `jobId` finished: show progress now or at the end of the interval. */
  item(jobId: string): void {
    let tracked = this.#jobs.get(jobId);
    if (!tracked) {
      if (this.#jobs.size >= MAX_TRACKED) this.forget(this.#jobs.keys().next().value!);
      tracked = { lastAt: -Infinity, chain: Promise.resolve(), ended: false };
      this.#jobs.set(jobId, tracked);
    }
    if (tracked.ended || tracked.timer) return;
    const wait = tracked.lastAt + this.#intervalMs - this.now();
    if (wait <= 0) {
      this.send(jobId, tracked);
      return;
    }
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined;
      if (!tracked.ended) this.send(jobId, tracked);
    }, wait);
    tracked.timer.unref();
  }

  /** The job ended: drop any pending progress and show the end once the updates in flight are done. */
  async end(jobId: string): Promise<void> {
    const tracked = this.#jobs.get(jobId) ?? { lastAt: -Infinity, chain: Promise.resolve(), ended: false };
    tracked.ended = true;
    clearTimeout(tracked.timer);
    tracked.timer = undefined;
    this.#jobs.delete(jobId);
    await this.enqueue(jobId, tracked);
  }

  /** Stops every pending update (shutdown). */
  close(): void {
    for (const jobId of [...this.#jobs.keys()]) this.forget(jobId);
  }

  private send(jobId: string, tracked: Tracked): void {
    tracked.lastAt = this.now();
    void this.enqueue(jobId, tracked);
  }

  private enqueue(jobId: string, tracked: Tracked): Promise<void> {
    tracked.chain = tracked.chain.then(() =>
      this.show(jobId).catch((error: unknown) =>
        this.logger.warn(
          { job: jobId, err: error instanceof Error ? error.message : String(error) },
          'job message could not be updated',
        ),
      ),
    );
    return tracked.chain;
  }

  private forget(jobId: string): void {
    const tracked = this.#jobs.get(jobId);
    if (tracked) clearTimeout(tracked.timer);
    this.#jobs.delete(jobId);
  }
}
