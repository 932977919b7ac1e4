/**
 * Any failure → the `error` of an Outcome: RoomOps' own errors keep their code
 * and field, vendor errors their code, the vendor's code and request id;
 * anything else is an `internal` error whose details stay in the log.
 */
import { isVendorError } from '../vendors/errors.js';
import type { ClientPool } from './client-pool.js';
import { CORE_ERROR_CODES, isRoomOpsError } from './errors.js';
import type { ErrorOutcome, OutcomeError } from './outcome.js';
import type { RawInvocation } from './types.js';

export function toOutcomeError(error: unknown): OutcomeError {
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
    (CORE_ERROR_CODES as readonly string[]).includes(code)
  ) {
    const field = (error as { field?: unknown }).field;
    return { code, message: error.message, ...(typeof field === 'string' ? { field } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside RoomOps: ${message}` };
}

export function errorOutcome(
  error: unknown,
  raw: RawInvocation | undefined,
  clients: ClientPool,
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
    error: toOutcomeError(error),
  };
}
