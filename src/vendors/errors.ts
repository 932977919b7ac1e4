/**
 * Typed vendor errors. Every failure of a vendor call becomes one of these, with
 * a code from DESIGN.md's fixed list, a message a person can act on, and the
 * vendor's own code, text and request id where the vendor gave them. Messages
 * are built from redacted material only: no credential ever reaches one.
 */
export type VendorErrorCode =
  | 'vendor_auth'
  | 'vendor_not_found'
  | 'vendor_rejected'
  | 'vendor_rate_limited'
  | 'vendor_unavailable'
  | 'vendor_timeout'
  | 'vendor_bad_reply';

export interface VendorErrorDetails {
  /** The vendor's own error code (RongCloud `1004`, Agora `illegal_argument` …). */
  vendorCode?: string | number;
  /** The vendor's own error text. */
  vendorMessage?: string;
  /** The vendor's request id (header or body) when it gave one. */
  requestId?: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Seconds after which a rate-limited call may be retried. */
  retryAfterSeconds?: number;
  /** The operation that failed, e.g. `rongcloud chatroom/destroy.json`. */
  operation?: string;
}

export class VendorError extends Error {
  override readonly name = 'VendorError';
  /** The message without the vendor's code, text and request id appended. */
  readonly summary: string;
  constructor(
    readonly code: VendorErrorCode,
    message: string,
    readonly details: VendorErrorDetails = {},
  ) {
    super(VendorError.compose(message, details));
    this.summary = message;
  }

  /** Keeps the vendor's own code, text and request id in the message, as DESIGN.md asks. */
  private static compose(message: string, d: VendorErrorDetails): string {
    const parts: string[] = [];
    if (d.vendorCode !== undefined) parts.push(`vendor code ${d.vendorCode}`);
    if (d.vendorMessage) parts.push(`"${d.vendorMessage}"`);
    if (d.requestId) parts.push(`request id ${d.requestId}`);
    return parts.length ? `${message} (${parts.join(', ')})` : message;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export const isVendorError = (e: unknown): e is VendorError => e instanceof VendorError;

/**
 * Thrown by a client asked for an operation its vendor lacks. The command core
 * checks capabilities first, so this is a guard, not the normal path.
 */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperationError';
  constructor(
    readonly vendor: string,
    readonly operation: string,
    readonly supported: readonly string[],
  ) {
    super(`${vendor} has no "${operation}" operation; it supports: ${supported.join(', ')}`);
  }
}
