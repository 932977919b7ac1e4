/**
 * Spaces requests evenly so an account never exceeds its `rateLimit`.
 *
 * Why even spacing and a margin: the vendors count requests per endpoint in a
 * one-second window as they *arrive*. Sending at exactly the limit lets network
 * jitter push one extra request into some window; pacing to 97% of the limit
 * leaves ~30 ms of slack per 100 requests, which keeps a healthy run free of
 * 429s while staying above 95% of the allowed rate.
 */
export const PACING_MARGIN = 0.97;

export class Pacer {
  private readonly intervalMs: number;
  private nextSlot = 0;

  constructor(requestsPerSecond: number, margin = PACING_MARGIN) {
    this.intervalMs = 1000 / (requestsPerSecond * margin);
  }

  /** Resolves when the caller may send; each call reserves the next free slot. */
  async acquire(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    const wait = slot - now;
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
