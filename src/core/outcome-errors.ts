/**
 * Any failure → the `error` of an Outcome: RoomOps' own errors (core, vendor,
 * store) keep their code and context; anything else is an `internal` error
 * whose details stay in the log.
 *
 * Every `internal` error gets an error id: the person sees a short message
 * and the id, the log has the raw exception under the same id.
 */
import type { ClientPool } from './client-pool.js';
import { type ErrorLog, newErrorId } from './error-id.js';
import { isRoomOpsError } from './errors.js';
import type { ErrorOutcome, OutcomeError } from './outcome.js';
import type { RawInvocation } from './types.js';

/**
 * Logs `error` under a new error id and returns what a person may see:
 * RoomOps' own `internal` messages (written for people, e.g. "The store is
 * busy …") with the id; for anything else only that something went wrong.
 */
export function internalError(error: unknown, log: ErrorLog): OutcomeError {
  const errorId = newErrorId();
  log.error({ event: 'internal_error', errorId, err: error }, 'internal error');
  const shown = isRoomOpsError(error)
    ? error.message
    : 'Something went wrong inside RoomOps; the details are in the log.';
  return { code: 'internal', message: `${shown} (error id ${errorId})`, errorId };
}

/**
 * One path for every error: a RoomOpsError (core, vendor or store) keeps its
 * code, message and whole context; anything else, and RoomOps' own
 * `internal` errors, become an `internal` error with an error id.
 */
export function toOutcomeError(error: unknown, log: ErrorLog): OutcomeError {
  if (!isRoomOpsError(error) || error.code === 'internal') return internalError(error, log);
  return error.toJSON();
}

export function errorOutcome(
  error: unknown,
  raw: RawInvocation | undefined,
  clients: ClientPool,
  log: ErrorLog,
): ErrorOutcome {
  const accountName = raw?.positionals[0];
  const account = accountName ? clients.accountMap().get(accountName) : undefined;
  return {
    type: 'error',
    action: raw?.action ?? 'help',
    account: account?.name ?? null,
    vendor: account?.vendor ?? null,
    kind: 'read',
    visibility: 'private',
    error: toOutcomeError(error, log),
  };
}
