/**
 * The one error contract (as Bolt's `CodedError` and Sapphire's `UserError`):
 * every error RoomOps raises — core, vendor, store — is a RoomOpsError with a
 * code from error-codes.ts, a message for a person, and the context to act on.
 * Context travels as data, so `--json` keeps every field an error carries
 * without anyone knowing which class raised it.
 */
import { type ErrorCode, exitStatusFor } from './error-codes.js';

/** One item's result in a several-item call (`items` of a `partial`); a failed one carries its error's context. */
export interface ErrorItem {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

/** What a person or a script needs to act on an error. Must stay JSON-safe and secret-free. */
export interface ErrorContext {
  /** The argument, option or config key that was wrong (`limit`, `accounts.rong.appSecret`). */
  field?: string;
  /** What would have been accepted ("a whole number from 1 to 100"). */
  expected?: string;
  /** The action's usage line, shown under input errors. */
  usage?: string;
  /** The config path to set or fix (`accounts.w.announceAs`). */
  path?: string;
  /** Per-item results of a partly failed several-item call (`code: partial`). */
  items?: ErrorItem[];
  /** The vendor's own error code (RongCloud `1004`, Agora `illegal_argument` …). */
  vendorCode?: string | number;
  /** The vendor's own error text. */
  vendorMessage?: string;
  /** The vendor's request id (header or body) when it gave one. */
  requestId?: string;
  /** HTTP status of the vendor's answer. */
  status?: number;
  /** Seconds after which a rate-limited call may be retried. */
  retryAfterSeconds?: number;
  /** The vendor operation that failed, e.g. `rongcloud chatroom/destroy.json`. */
  operation?: string;
  /** Anything else worth showing (the config file and its issues, a parse position). */
  [key: string]: unknown;
}

export interface CodedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly context: Readonly<ErrorContext>;
}

export class RoomOpsError extends Error implements CodedError {
  override readonly name: string = 'RoomOpsError';
  readonly context: Readonly<ErrorContext>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    context: ErrorContext = {},
  ) {
    super(message);
    this.context = withoutUndefined(context);
  }

  get exitStatus(): 1 | 2 | 3 {
    return exitStatusFor(this.code);
  }

  /** The `error` object of a `--json` failure: code and message, then the context (which never overrides them). */
  toJSON(): { code: ErrorCode; message: string } & ErrorContext {
    const { code: _code, message: _message, ...rest } = this.context;
    return { code: this.code, message: this.message, ...rest };
  }
}

/** Bad command text or argument: always `invalid_input`. */
export class InputError extends RoomOpsError {
  override readonly name: string = 'InputError';
  constructor(message: string, context: ErrorContext = {}) {
    super('invalid_input', message, context);
  }
}

/** An invalid config file or a missing setting: always `config_error`. */
export class ConfigError extends RoomOpsError {
  override readonly name: string = 'ConfigError';
  constructor(message: string, context: ErrorContext = {}) {
    super('config_error', message, context);
  }
}

export const isRoomOpsError = (e: unknown): e is RoomOpsError => e instanceof RoomOpsError;

function withoutUndefined(context: ErrorContext): ErrorContext {
  const kept: ErrorContext = {};
  for (const [key, value] of Object.entries(context)) if (value !== undefined) kept[key] = value;
  return kept;
}
