/**
 * The error codes and their exit statuses. Both are fixed by DESIGN.md
 * ("--json", and "Second stage" for `access_unavailable`), because operators'
 * scripts branch on them: add codes, never change one.
 */

/** Codes the command core raises itself. */
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

/** Codes of a failed vendor call. */
export const VENDOR_ERROR_CODES = [
  'vendor_auth',
  'vendor_not_found',
  'vendor_rejected',
  'vendor_rate_limited',
  'vendor_unavailable',
  'vendor_timeout',
  'vendor_bad_reply',
] as const;
export type VendorErrorCode = (typeof VENDOR_ERROR_CODES)[number];

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
