/**
 * Typed vendor errors. Every failure of a vendor call becomes one of these, with
 * a code from DESIGN.md's fixed list, a message a person can act on, and the
 * vendor's own code, text and request id where the vendor gave them. Messages
 * are built from redacted material only: no credential ever reaches one.
 */
import { ConfigError, type ErrorContext, RoomOpsError } from '../shared/coded-error.js';
import type { VendorErrorCode } from '../shared/error-codes.js';

export type { VendorErrorCode } from '../shared/error-codes.js';

/** The context a vendor failure carries (all of it reaches `--json`). */
export type VendorErrorDetails = Pick<
  ErrorContext,
  'vendorCode' | 'vendorMessage' | 'requestId' | 'status' | 'retryAfterSeconds' | 'operation'
>;

export class VendorError extends RoomOpsError {
  override readonly name: string = 'VendorError';
  declare readonly code: VendorErrorCode;
  /** The message without the vendor's code, text and request id appended. */
  readonly summary: string;
  constructor(code: VendorErrorCode, message: string, details: VendorErrorDetails = {}) {
    super(code, VendorError.compose(message, details), details);
    this.summary = message;
  }

  /** The vendor-side context; the vendor layer reads and re-wraps it (status, Retry-After). */
  get details(): VendorErrorDetails {
    return this.context;
  }

  /** Keeps the vendor's own code, text and request id in the message, as DESIGN.md asks. */
  private static compose(message: string, d: VendorErrorDetails): string {
    const parts: string[] = [];
    if (d.vendorCode !== undefined) parts.push(`vendor code ${d.vendorCode}`);
    if (d.vendorMessage) parts.push(`"${d.vendorMessage}"`);
    if (d.requestId) parts.push(`request id ${d.requestId}`);
    return parts.length ? `${message} (${parts.join(', ')})` : message;
  }
}

export const isVendorError = (e: unknown): e is VendorError => e instanceof VendorError;

/**
 * Thrown by a client asked for an operation its vendor lacks. The command core
 * checks capabilities first, so this is a guard, not the normal path.
 */
export class UnsupportedOperationError extends RoomOpsError {
  override readonly name: string = 'UnsupportedOperationError';
  constructor(
    readonly vendor: string,
    readonly operation: string,
    readonly supported: readonly string[],
  ) {
    super(
      'unsupported_action',
      `${vendor} has no "${operation}" operation; it supports: ${supported.join(', ')}`,
      { operation, expected: supported.join(', ') },
    );
  }
}

/**
 * `announce` posts as the account's `announceAs` user: iFlyChat has no system
 * sender and Watchers posts as a chat user. A config gap, not a vendor answer.
 */
export class MissingAnnounceAsError extends ConfigError {
  override readonly name: string = 'MissingAnnounceAsError';
  constructor(accountName: string, postsAs: string) {
    const path = `accounts.${accountName}.announceAs`;
    super(`${path} is not set: ${postsAs}; set ${path} to {id, name} of that user`, { field: path, path });
  }
}
