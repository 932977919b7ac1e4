/**
 * RongCloud's business codes and the HTTP status each comes with
 * (shared/vendors/rongcloud.md §3). The body's `code` decides success, not the
 * HTTP status; the status is kept here so the emulator answers as the service does.
 */
export const RC_OK = 200;

export const RC_CODES = {
  internal: 1000,
  keyMismatch: 1001,
  param: 1002,
  emptyBody: 1003,
  signature: 1004,
  tooLong: 1005,
  appLocked: 1006,
  methodNotAllowed: 1007,
  rateLimited: 1008,
  serviceDisabled: 1009,
  keepAliveMissing: 1015,
  keepAliveTooMany: 1016,
  serviceTimeout: 1050,
  testUserLimit: 2007,
  chatroomMissing: 23410,
} as const;

/** HTTP status per business code. 23410's status is unconfirmed; 200 is the documented inference. */
export const RC_HTTP_STATUS: Readonly<Record<number, number>> = {
  200: 200,
  1000: 500,
  1001: 401,
  1002: 400,
  1003: 400,
  1004: 401,
  1005: 400,
  1006: 401,
  1007: 401,
  1008: 429,
  1009: 430,
  1015: 200,
  1016: 403,
  1050: 504,
  2007: 403,
  23410: 200,
};

/** Codes that mean the credentials (or the app behind them) were refused. */
export const RC_AUTH_CODES: ReadonlySet<number> = new Set([1001, 1004, 1006, 1007]);

/** Codes that mean the service itself failed: worth a retry for reads. */
export const RC_UNAVAILABLE_CODES: ReadonlySet<number> = new Set([1000, 1050]);
