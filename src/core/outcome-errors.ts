/**
 * Any failure → the `error` of an Outcome: RoomOps' own errors keep their code
 * and field, vendor errors their code, the vendor's code and request id;
 * anything else is an `internal` error whose details stay in the log.
 *
 * Every `internal` error gets an error id: the person sees a short message
 * and the id, the log has the raw exception under the same id.
 */
import { isVendorError } from '../vendors/errors.js';
import type { ClientPool } from './client-pool.js';
import { type ErrorLog, newErrorId } from './error-id.js';
import { CORE_ERROR_CODES, isRoomOpsError } from './errors.js';
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

export function toOutcomeError(error: unknown, log: ErrorLog): OutcomeError {
  if (isRoomOpsError(error) && error.code === 'internal') return internalError(error, log);
  if (isRoomOpsError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.usage ? { usage: error.usage } : {}),
      ...(Array.isArray(error.details?.items) ? { items: error.details.items as OutcomeError['items'] } : {}),
    };
  }
  if (isVendorError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details.vendorCode !== undefined ? { vendorCode: error.details.vendorCode } : {}),
      ...(error.details.requestId ? { requestId: error.details.requestId } : {}),
    };
  }
  // A vendor module's own input or config error (a bad cursor, no announceAs) carries a core code.
  const code = (error as { code?: unknown } | null)?.code;
  if (
    error instanceof Error &&
    typeof code === 'string' &&
    code !== 'internal' &&
    (CORE_ERROR_CODES as readonly string[]).includes(code)
  ) {
    const field = (error as { field?: unknown }).field;
    return { code, message: error.message, ...(typeof field === 'string' ? { field } : {}) };
  }
  return internalError(error, log);
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
