/**
 * The one reading of a vendor reply as success or VendorError. HTTP decides
 * by default (2xx ok, 401/403 auth, 404 not found, 408 timeout, 429 rate
 * limited with its Retry-After, 5xx unavailable, other 4xx rejected); a vendor
 * adds only what its own bodies say (RongCloud's `code`, Easemob's `error`
 * name, Watchers' "Project not found") through a VendorReading.
 */
import { VendorError, type VendorErrorCode, type VendorErrorDetails } from '../errors.js';
import type { VendorName } from '../types.js';
import { parseRetryAfter } from './retry-policy.js';
import type { RawResponse, RequestSpec } from './types.js';

/** What a vendor reads from its own reply; every field left out falls back to HTTP. */
export interface VendorReading {
  /** true: a success whatever the status (RongCloud code 200); false: a refusal even on a 2xx. */
  ok?: boolean;
  /** The vendor's body code decides, not the status. */
  code?: VendorErrorCode;
  /** A message that says more than the default, e.g. which setting to check. */
  summary?: string;
  vendorCode?: string | number;
  vendorMessage?: string;
}

export type ReadReply = (res: RawResponse, spec: RequestSpec) => VendorReading | undefined;
export type RequestIdOf = (res: RawResponse) => string | undefined;

export function vendorClassifier(vendor: VendorName, read?: ReadReply, requestIdOf?: RequestIdOf) {
  return (res: RawResponse, spec: RequestSpec): VendorError | undefined => {
    const reading = read?.(res, spec);
    if (reading?.ok === true) return undefined;
    const code = reading?.code ?? (reading?.ok === false ? 'vendor_rejected' : codeOfStatus(res.status));
    if (code === undefined) return undefined;

    const details: VendorErrorDetails = { status: res.status, operation: spec.operation };
    if (reading?.vendorCode !== undefined) details.vendorCode = reading.vendorCode;
    if (reading?.vendorMessage) details.vendorMessage = reading.vendorMessage;
    const requestId = requestIdOf?.(res);
    if (requestId) details.requestId = requestId;
    if (code === 'vendor_rate_limited') {
      const retryAfterSeconds = parseRetryAfter(res.headers['retry-after']);
      if (retryAfterSeconds !== undefined) details.retryAfterSeconds = retryAfterSeconds;
    }
    const summary = reading?.summary ?? `${DEFAULT_SUMMARY[code]} (HTTP ${res.status})`;
    return new VendorError(code, `${vendor} ${spec.operation}: ${summary}`, details);
  };
}

/** The code HTTP alone gives; undefined for a 2xx. */
export function codeOfStatus(status: number): VendorErrorCode | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 401 || status === 403) return 'vendor_auth';
  if (status === 404) return 'vendor_not_found';
  if (status === 408) return 'vendor_timeout';
  if (status === 429) return 'vendor_rate_limited';
  if (status >= 500) return 'vendor_unavailable';
  if (status >= 400) return 'vendor_rejected';
  return 'vendor_bad_reply';
}

const DEFAULT_SUMMARY: Record<VendorErrorCode, string> = {
  vendor_auth: 'the credentials were refused',
  vendor_not_found: 'not found',
  vendor_rejected: 'request rejected',
  vendor_rate_limited: 'rate limited',
  vendor_unavailable: 'server error',
  vendor_timeout: 'the vendor timed out',
  vendor_bad_reply: 'unexpected HTTP status',
};

const MAX_VENDOR_TEXT = 300;

/** Reply text (a body without a documented error field) as the vendor's message: one line, clipped. */
export function vendorText(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > MAX_VENDOR_TEXT ? `${text.slice(0, MAX_VENDOR_TEXT)}…` : text;
}
