/**
 * Waiting for a SQLite lock without holding the event loop.
 *
 * better-sqlite3 waits for a lock inside the native call, synchronously
 * (SQLite's busy handler sleeps), so a long busy_timeout freezes every timer
 * and every Slack/Discord acknowledgement of the process for as long as
 * another writer (a CLI run, a backup) holds the file. Instead SQLite's busy
 * timeout is off and a statement that finds the file locked is tried again
 * after an asynchronous pause, with growing, jittered pauses, until an
 * overall deadline.
 */
import { StoreError } from './store-error.js';

/**
 * SQLite's own wait per attempt (ms): none. Even 20 ms adds up: with 20
 * statements waiting, their retries fell due together and each waited in
 * the native call, one after another — a 400 ms stall (bench/store-busy.ts).
 */
export const SQLITE_BUSY_WAIT_MS = 0;

const FIRST_PAUSE_MS = 5;
const MAX_PAUSE_MS = 200;

/** SQLITE_BUSY and its extended codes (…_SNAPSHOT, …_RECOVERY, …_TIMEOUT), and SQLITE_LOCKED. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (one synchronous statement that either did all or nothing)
 * until it is not busy, pausing between tries; past `deadlineMs` throws a
 * StoreError `busy`. Any other error is thrown at once.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T> | T, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let wait = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StoreError(
          'busy',
          `The store is busy: another process kept the SQLite file locked for more than ${deadlineMs} ms (storage.timeoutMs); nothing was written.`,
          { cause: error },
        );
      }
      // Full jitter: several waiters in one process do not retry in step.
      await pause(Math.min(left, Math.ceil(wait / 2 + Math.random() * (wait / 2))));
      wait = Math.min(MAX_PAUSE_MS, wait * 2);
    }
  }
}
