/**
 * The shutdown budget (DESIGN.md "Operations"): after SIGTERM, in-flight
 * work has `ROOMOPS_SHUTDOWN_TIMEOUT_S` seconds (default 20) to finish.
 * Every step of the stop runs against one deadline, so no slow vendor,
 * database or platform call can hold the process past it.
 */
import { RoomOpsError } from '../core/errors.js';

export const DEFAULT_SHUTDOWN_TIMEOUT_S = 20;
const MAX_SHUTDOWN_TIMEOUT_S = 3600;

/** The budget in ms; a value that is not a number of seconds is a config error naming the variable. */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.ROOMOPS_SHUTDOWN_TIMEOUT_S;
  if (raw === undefined || raw.trim() === '') return DEFAULT_SHUTDOWN_TIMEOUT_S * 1000;
  const seconds = Number(raw);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || seconds <= 0 || seconds > MAX_SHUTDOWN_TIMEOUT_S) {
    throw new RoomOpsError('config_error', 'ROOMOPS_SHUTDOWN_TIMEOUT_S must be a number of seconds', {
      field: 'ROOMOPS_SHUTDOWN_TIMEOUT_S',
      expected: `a number of seconds above 0 and up to ${MAX_SHUTDOWN_TIMEOUT_S} (default ${DEFAULT_SHUTDOWN_TIMEOUT_S})`,
    });
  }
  return Math.round(seconds * 1000);
}

export class Deadline {
  private readonly at: number;

  constructor(ms: number) {
    this.at = Date.now() + ms;
  }

  get left(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** True when `work` settled in time; false when the deadline came first (the work is left running). */
  async race(work: Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.left);
      timer.unref();
    });
    try {
      return await Promise.race([
        work.then(
          () => true as const,
          () => true as const,
        ),
        expired,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
