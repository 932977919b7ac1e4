/**
 * User-facing errors of the command core. One class, one code list: the codes
 * and their exit statuses are fixed by DESIGN.md ("--json"), because operators'
 * scripts branch on them. Errors are values with a code, a message for a
 * person, and the context to act on (the field that was wrong, what was
 * expected, the action's usage).
 */
import type { VendorErrorCode } from '../vendors/errors.js';

/** Codes the core raises itself (DESIGN.md "--json"). */
export const CORE_ERROR_CODES = [
  'invalid_input',
  'unknown_action',
  'unknown_account',
  'unsupported_action',
  'config_error',
  'denied',
  'access_unavailable',
  'not_confirmed',
  'cancelled',
  'partial',
  'internal',
  'job_not_found',
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** Every code an error result may carry: the core's and the vendor layer's. */
export type ErrorCode = CoreErrorCode | VendorErrorCode;

/**
 * Exit status of `roomops run` per code: 2 bad command, input or config;
 * 3 denied, cancelled or not confirmed; 1 vendor or operation failed.
 */
export const EXIT_STATUS: Readonly<Record<ErrorCode, 1 | 2 | 3>> = {
  invalid_input: 2,
  unknown_action: 2,
  unknown_account: 2,
  unsupported_action: 2,
  config_error: 2,
  denied: 3,
  // The platform look-up access depends on failed: an operation failure, not a denial.
  access_unavailable: 1,
  not_confirmed: 3,
  cancelled: 3,
  partial: 1,
  internal: 1,
  job_not_found: 2,
  vendor_auth: 1,
  vendor_not_found: 1,
  vendor_rejected: 1,
  vendor_rate_limited: 1,
  vendor_unavailable: 1,
  vendor_timeout: 1,
  vendor_bad_reply: 1,
};

/** Exit status for any code; an unknown code is an operation failure (1). */
export function exitStatusFor(code: string): 1 | 2 | 3 {
  return (EXIT_STATUS as Record<string, 1 | 2 | 3>)[code] ?? 1;
}

export interface RoomOpsErrorContext {
  /** The argument, option or config path that was wrong (`limit`, `accounts.rong.appSecret`). */
  field?: string;
  /** What would have been accepted ("a whole number from 1 to 100"). */
  expected?: string;
  /** The action's usage line, shown under input errors. */
  usage?: string;
  /** Anything else a caller may render or serialize (e.g. `items` of a `partial`). */
  details?: Record<string, unknown>;
}

export class RoomOpsError extends Error {
  override readonly name: string = 'RoomOpsError';
  readonly field?: string;
  readonly expected?: string;
  readonly usage?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    context: RoomOpsErrorContext = {},
  ) {
    super(message);
    if (context.field !== undefined) this.field = context.field;
    if (context.expected !== undefined) this.expected = context.expected;
    if (context.usage !== undefined) this.usage = context.usage;
    if (context.details !== undefined) this.details = context.details;
  }

  get exitStatus(): 1 | 2 | 3 {
    return exitStatusFor(this.code);
  }

  /** The `error` object of a `--json` failure: code and message, plus the known fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this.details ?? {})) if (!(key in out)) out[key] = value;
    if (this.field !== undefined) out.field = this.field;
    if (this.expected !== undefined) out.expected = this.expected;
    if (this.usage !== undefined) out.usage = this.usage;
    return out;
  }
}

/** Bad command text or argument: always `invalid_input`. */
export class InputError extends RoomOpsError {
  override readonly name: string = 'InputError';
  constructor(message: string, context: RoomOpsErrorContext = {}) {
    super('invalid_input', message, context);
  }
}

/** An invalid or unreadable config file: always `config_error`. */
export class ConfigError extends RoomOpsError {
  override readonly name: string = 'ConfigError';
  constructor(message: string, context: RoomOpsErrorContext = {}) {
    super('config_error', message, context);
  }
}

export const isRoomOpsError = (e: unknown): e is RoomOpsError => e instanceof RoomOpsError;
