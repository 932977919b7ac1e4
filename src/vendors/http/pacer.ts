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

  /** Resolves when the caller may send; each call reserves the next free slot. */
  async acquire(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot - now >= 1) await sleep(slot - now);
    for (;;) {
      // Check and record with no await in between: callers cannot both take the last place.
      const t = performance.now();
      if (this.released.length < this.capacity) {
        this.released.push(t);
        return;
      }
      const wait = this.released[this.head]! + WINDOW_MS + GUARD_MS - t;
      if (wait <= 0) {
        this.released[this.head] = t;
        this.head = (this.head + 1) % this.capacity;
        return;
      }
      await sleep(wait);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
