/**
 * Acknowledgements before the work they promise. Slack waits at most 3
 * seconds for an ack, and every request of a burst shares one event loop
 * with the work earlier acks started (engine, vendor calls, rendering,
 * response_url posts). Work after an ack therefore starts only when no
 * request on the port is still waiting for its own ack, or once it has
 * waited `maxWaitMs`, so a steady stream of requests can delay answers but
 * never stop them. Work is let in one per turn of the event loop, so requests
 * that arrive meanwhile are read (and acked) first. (docs/bench.md, Slack acks.)
 *
 * Acking first must not promise more work than the process can hold: each
 * acked command keeps its request, Bolt's context and its answer alive until
 * it is answered (about 17 KB), so requests arriving faster than they are
 * answered grew memory without bound (docs/bench.md, bulk job memory). With
 * a `backlog` bound, a request that arrives while that much work is waiting
 * or running (requests read but not yet acked count too: each may add one)
 * is held, unread and unacked, until some of it finishes: a
 * client with a fixed number in flight slows to the answering rate. A request
 * held `maxHoldMs` (inside Slack's 3 s) or beyond `max` held requests is
 * refused with 503 and Retry-After, before anything was done for it.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export const ACK_FIRST_MAX_WAIT_MS = 250;
/** Above a 500-command burst (the Slack bench) and a few MiB of held state. */
export const ACK_FIRST_MAX_BACKLOG = 500;
/** Leaves a held request a second of Slack's 3 for its ack once let in. */
export const ACK_FIRST_MAX_HOLD_MS = 2_000;

export interface BacklogBound {
  /** Work after acks that has not finished (waiting for its turn or running). */
  size: () => number;
  /** At this size new requests are held before they are read. */
  max: number;
  maxHoldMs: number;
  /** Called for each request refused because the backlog stayed full. */
  onRefused?: () => void;
}

interface Waiting {
  start: () => void;
  /** performance.now() after which it goes ahead of pending acks. */
  due: number;
}

interface Held {
  req: IncomingMessage;
  res: ServerResponse;
  listener: RequestListener;
  timer: NodeJS.Timeout;
}

const BUSY_BODY = 'RoomOps is busy answering earlier requests; try again in a moment.\n';

export class AckFirst {
  private awaitingAck = 0;
  /** First in, first out: the head is always the one due soonest. */
  private readonly queue: Waiting[] = [];
  private scheduled = false;
  private wakeUp: NodeJS.Timeout | undefined;
  /** Requests not yet read because the backlog was full, oldest first. */
  private readonly held: Held[] = [];

  constructor(
    private readonly maxWaitMs: number = ACK_FIRST_MAX_WAIT_MS,
    private readonly backlog?: BacklogBound,
  ) {}

  /** Counts each request from its arrival until its response is sent or the connection ends. */
  track(listener: RequestListener): RequestListener {
    return (req, res) => {
      if (this.backlog && (this.held.length > 0 || !this.admits(this.backlog))) {
        this.hold(req, res, listener, this.backlog);
        return;
      }
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

  /** Some work after an ack finished (or a request was acked): held requests may go in, oldest first. */
  settled(): void {
    const bound = this.backlog;
    // awaiting() counts each one let in, so the check stays true to what is already promised.
    while (bound && this.held.length > 0 && this.admits(bound)) {
      const next = this.held.shift()!;
      clearTimeout(next.timer);
      if (next.res.destroyed) continue;
      this.awaiting(next.res);
      next.listener(next.req, next.res);
    }
  }

  /** Room for one more request: work not finished plus requests still to be acked, under the bound. */
  private admits(bound: BacklogBound): boolean {
    return bound.size() + this.awaitingAck < bound.max;
  }

  /** Requests held right now (for tests and the bench). */
  get heldCount(): number {
    return this.held.length;
  }

  private hold(req: IncomingMessage, res: ServerResponse, listener: RequestListener, bound: BacklogBound) {
    if (this.held.length >= bound.max) {
      this.refuse(res, bound);
      return;
    }
    const entry: Held = {
      req,
      res,
      listener,
      timer: setTimeout(() => {
        if (this.forget(entry)) this.refuse(res, bound);
      }, bound.maxHoldMs),
    };
    this.held.push(entry);
    // A client that gave up is not kept until its hold runs out.
    res.once('close', () => {
      if (this.forget(entry)) clearTimeout(entry.timer);
    });
  }

  /** Takes a held request off the list; false when it had already left it. */
  private forget(entry: Held): boolean {
    const i = this.held.indexOf(entry);
    if (i < 0) return false;
    this.held.splice(i, 1);
    return true;
  }

  private refuse(res: ServerResponse, bound: BacklogBound): void {
    bound.onRefused?.();
    if (res.destroyed || res.headersSent) return;
    res.writeHead(503, {
      'content-type': 'text/plain; charset=utf-8',
      'retry-after': '1',
      connection: 'close',
    });
    res.end(BUSY_BODY);
  }

  private awaiting(res: ServerResponse): void {
    this.awaitingAck++;
    let counted = true;
    const acked = () => {
      if (!counted) return;
      counted = false;
      this.awaitingAck--;
      this.schedule();
      if (this.held.length > 0) this.settled();
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
