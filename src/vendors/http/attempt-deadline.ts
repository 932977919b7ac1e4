/**
 * The abort signal of one attempt, fired by one timer covering headers and
 * body: undici's own timeouts tick at about a second, too coarse for a
 * timeoutMs under that. undici takes an EventEmitter as `signal`
 * (Dispatcher.RequestOptions); one costs a fraction of an AbortController,
 * whose EventTarget set-up showed in CPU profiles of `bench/vendor-http.ts`.
 */
import { EventEmitter } from 'node:events';

export class AttemptDeadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.reason = new AttemptTimeout();
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/** Why an attempt was aborted; network-errors.ts reads the name and answers vendor_timeout. */
class AttemptTimeout extends Error {
  override readonly name = 'TimeoutError';
}
