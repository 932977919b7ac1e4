/**
 * Which failures may be retried, and how long to wait (DESIGN.md "Rules"):
 * - a 429, or a connection refused before anything was sent: any request,
 *   because the vendor did not act;
 * - a timeout, a reset or a 5xx: only requests that cannot act twice
 *   (`spec.idempotent`), because the vendor may already have acted.
 */
import type { VendorError } from '../errors.js';
import type { RequestSpec } from './types.js';

export const MAX_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2_000;

/** Marks a failure that happened before any byte of the request left (connection refused). */
export interface AttemptFailure {
  error: VendorError;
  notSent: boolean;
}

export function mayRetry(failure: AttemptFailure, spec: RequestSpec): boolean {
  if (failure.notSent) return true;
  const { code } = failure.error;
  if (code === 'vendor_rate_limited') return true;
  if (code === 'vendor_timeout' || code === 'vendor_unavailable') return spec.idempotent;
  return false;
}

/** Exponential backoff with full jitter; a vendor's Retry-After wins when given. */
export function backoffMs(
  attempt: number,
  retryAfterSeconds: number | undefined,
  random = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000 + random() * 50;
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}
