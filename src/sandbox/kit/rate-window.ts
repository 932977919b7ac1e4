/**
 * Per-bucket sliding one-second window, as the vendors describe their limits
 * ("100 requests per second per endpoint"). `tryTake` admits a request and
 * returns 0, or refuses it and returns the milliseconds until a slot frees.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly windowMs = 1000,
  ) {}

  tryTake(bucket: string, now: number): number {
    let stamps = this.windows.get(bucket);
    if (!stamps) {
      stamps = [];
      this.windows.set(bucket, stamps);
    }
    while (stamps.length > 0 && stamps[0]! <= now - this.windowMs) stamps.shift();
    if (stamps.length >= this.perSecond) return stamps[0]! + this.windowMs - now;
    stamps.push(now);
    return 0;
  }
}
