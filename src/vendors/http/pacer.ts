/**
 * Keeps an account's requests under its `rateLimit`.
 *
 * Two rules, because the vendors count requests per one-second window as they
 * *arrive*:
 * - even spacing at 97% of the limit, so network jitter cannot push an extra
 *   request into a window while the rate stays above 95% of what is allowed;
 * - a sliding-window guard on the moments requests are actually released: at
 *   most ⌊97% of the limit⌋ in any second. Spacing alone books slots on a
 *   timeline; if the event loop stalls (GC, a busy CPU) the late requests
 *   would go out together with the on-time ones and overflow a window.
 */
export const PACING_MARGIN = 0.97;
const WINDOW_MS = 1000;
/** Slack for arrival jitter between two sends a window apart. */
const GUARD_MS = 5;

export class Pacer {
  private readonly intervalMs: number;
  private readonly capacity: number;
  /** Release times of the last `capacity` requests, oldest first (a ring). */
  private readonly released: number[] = [];
  private head = 0;
  private nextSlot = 0;

  constructor(requestsPerSecond: number, margin = PACING_MARGIN) {
    this.intervalMs = 1000 / (requestsPerSecond * margin);
    this.capacity = Math.max(1, Math.floor(requestsPerSecond * margin));
  }

  /**
   * Takes a place at once when one is free without waiting, so a request
   * under the limit skips a promise; false (nothing reserved) when the caller
   * must await acquire().
   */
  tryAcquire(): boolean {
    const now = performance.now();
    if (this.nextSlot - now >= 1 || this.release(now) > 0) return false;
    this.nextSlot = Math.max(now, this.nextSlot) + this.intervalMs;
    return true;
  }

  /** Resolves when the caller may send; each call reserves the next free slot. */
  async acquire(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot - now >= 1) await sleep(slot - now);
    for (;;) {
      const wait = this.release(performance.now());
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /**
   * Records a release at `t` and answers 0, or answers how long until the
   * window has room. Check and record happen with no await in between, so two
   * callers cannot both take the last place.
   */
  private release(t: number): number {
    if (this.released.length < this.capacity) {
      this.released.push(t);
      return 0;
    }
    const wait = this.released[this.head]! + WINDOW_MS + GUARD_MS - t;
    if (wait > 0) return wait;
    this.released[this.head] = t;
    this.head = (this.head + 1) % this.capacity;
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
