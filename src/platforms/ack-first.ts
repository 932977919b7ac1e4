/**
 * Acknowledgements before the work they promise. Slack waits at most 3
 * seconds for an ack, and every request of a burst shares one event loop
 * with the work earlier acks started (engine, vendor calls, rendering,
 * response_url posts). Work after an ack therefore starts only when no
 * request on the port is still waiting for its own ack, or once it has
 * waited `maxWaitMs`, so a steady stream of requests can delay answers but
 * never stop them. Work is let in one per turn of the event loop, so requests
 * that arrive meanwhile are read (and acked) first. (docs/bench.md, Slack acks.)
 */
import type { RequestListener, ServerResponse } from 'node:http';

export const ACK_FIRST_MAX_WAIT_MS = 250;

export class AckFirst {
  private awaitingAck = 0;
  private readonly queue = new Set<() => void>();
  private scheduled = false;

  constructor(private readonly maxWaitMs: number = ACK_FIRST_MAX_WAIT_MS) {}

  /** Counts each request from its arrival until its response is sent or the connection ends. */
  track(listener: RequestListener): RequestListener {
    return (req, res) => {
      this.awaiting(res);
      listener(req, res);
    };
  }

  /** Resolves when this piece of work may start. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      const go = () => {
        this.queue.delete(go);
        clearTimeout(timer);
        resolve();
      };
      // Waited long enough: start now, ahead of acks still queued.
      const timer = setTimeout(go, this.maxWaitMs);
      this.queue.add(go);
      this.schedule();
    });
  }

  private awaiting(res: ServerResponse): void {
    this.awaitingAck++;
    let counted = true;
    const acked = () => {
      if (!counted) return;
      counted = false;
      this.awaitingAck--;
      this.schedule();
    };
    res.once('finish', acked);
    res.once('close', acked);
  }

  /** One piece of work per turn of the loop, and only while no ack is pending. */
  private schedule(): void {
    if (this.scheduled || this.queue.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.awaitingAck > 0) return;
      this.queue.values().next().value?.();
      this.schedule();
    });
  }
}
