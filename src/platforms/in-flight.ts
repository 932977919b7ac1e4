/**
 * Work that runs after the 3-second ack (engine call, respond). Stopping
 * waits for it, so a SIGTERM never drops an answer half-way.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** `onSettled` hears of each piece of work that finishes (AckFirst lets held requests in). */
  constructor(private readonly onSettled?: () => void) {}

  get size(): number {
    return this.running.size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    try {
      return await promise;
    } finally {
      this.running.delete(promise);
      this.onSettled?.();
    }
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
