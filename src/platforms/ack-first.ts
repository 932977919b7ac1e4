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

interface Waiting {
  start: () => void;
  /** performance.now() after which it goes ahead of pending acks. */
  due: number;
}

export class AckFirst {
  private awaitingAck = 0;
  /** First in, first out: the head is always the one due soonest. */
  private readonly queue: Waiting[] = [];
  private scheduled = false;
  private wakeUp: NodeJS.Timeout | undefined;

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
    return new Promise<void>((start) => {
      this.queue.push({ start, due: performance.now() + this.maxWaitMs });
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

  /**
   * One start per turn of the loop: when no ack is pending, or when the
   * oldest has waited its longest (even overdue work goes one at a time, so
   * a burst of it never stalls the acks in one go).
   */
  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const head = this.queue[0];
      if (!head) return;
      const wait = head.due - performance.now();
      if (this.awaitingAck > 0 && wait > 0) {
        clearTimeout(this.wakeUp);
        this.wakeUp = setTimeout(() => this.schedule(), Math.ceil(wait));
        return;
      }
      this.queue.shift();
      head.start();
      this.schedule();
    });
  }
}
