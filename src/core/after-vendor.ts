/**
 * Nothing lost after the vendor acted (DESIGN.md "Second stage"): once a
 * vendor has done something, a failure to record it (inventory, audit,
 * pending-action state) is never reported as a failure of the action. The
 * record is logged instead, with an error id, and the answer carries a
 * warning saying what was not recorded.
 */
import { type ErrorLog, newErrorId } from './error-id.js';
import { isStoreError } from '../store/store-error.js';

/** Commands record what the vendor did through this (RunContext.afterVendor). */
export interface AfterVendor {
  /** Runs `write`; a failure becomes a warning "… could not <what> …" and a log line. */
  record(what: string, write: () => Promise<unknown>): Promise<void>;
}

/** A dry run's: the vendor did nothing, so nothing is written. */
export const NOTHING_TO_RECORD: AfterVendor = { record: async () => {} };

/** A store failure in a few words, for a person (the raw text goes to the log). */
export function storeProblem(error: unknown): string {
  const failure = isStoreError(error) ? error.failure : undefined;
  if (failure === 'busy') return 'the store is busy';
  if (failure === 'timeout') return 'the store did not answer in time';
  return 'the store failed';
}

/** Collects the warnings of one invocation. */
export class AfterVendorRecorder implements AfterVendor {
  readonly warnings: string[] = [];

  constructor(private readonly log: ErrorLog) {}

  async record(what: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const errorId = newErrorId();
      this.log.error({ event: 'store_write_failed', errorId, what, err: error }, 'store_write_failed');
      this.warnings.push(
        `The vendor's answer stands, but RoomOps could not ${what}: ${storeProblem(error)} (error id ${errorId}).`,
      );
    }
  }
}

/** `outcome` with `more` warnings added (undefined ones skipped); the same object when there are none. */
export function withWarnings<T extends { warnings?: string[] }>(
  outcome: T,
  more: readonly (string | undefined)[],
): T {
  const added = more.filter((w): w is string => typeof w === 'string' && w.length > 0);
  if (added.length === 0) return outcome;
  return { ...outcome, warnings: [...(outcome.warnings ?? []), ...added] };
}
