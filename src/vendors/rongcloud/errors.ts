/**
 * What RongCloud's body code adds to the HTTP reading. Success is the body's
 * `code == 200` whatever the HTTP status (shared/vendors/rongcloud.md §1): the
 * service sends business errors with HTTP 200 (1015, 23410) as well as with
 * 4xx/5xx, so the code decides first and the status only when the body
 * carries none (a proxy's page, an empty 502).
 */
import type { VendorErrorCode } from '../errors.js';
import type { VendorReading } from '../http/classify.js';
import type { RawResponse } from '../http/types.js';
import { RC_AUTH_CODES, RC_CODES, RC_OK, RC_UNAVAILABLE_CODES } from './codes.js';
import { errorBody } from './schemas.js';

export function readRongcloudReply(res: RawResponse): VendorReading | undefined {
  const parsed = errorBody.safeParse(res.body);
  if (!parsed.success) {
    // A 404 without an envelope is a proxy's page, not a missing chatroom.
    return res.status === 404 ? { code: 'vendor_rejected', summary: SUMMARY.vendor_rejected } : undefined;
  }
  const { code: vendorCode, errorMessage } = parsed.data;
  if (vendorCode === RC_OK) return { ok: true };
  const code = codeFromBody(vendorCode, errorMessage);
  return {
    code,
    summary: SUMMARY[code] ?? SUMMARY.vendor_rejected,
    vendorCode,
    ...(errorMessage ? { vendorMessage: errorMessage } : {}),
  };
}

/** The request id RongCloud echoes in `X-Request-ID` (the client sends one on every call). */
export function requestIdOfRongcloud(res: RawResponse): string | undefined {
  const header = res.headers['x-request-id'];
  if (header) return header;
  const body = res.body as { requestId?: unknown } | undefined;
  return typeof body?.requestId === 'string' ? body.requestId : undefined;
}

function codeFromBody(code: number, message: string | undefined): VendorErrorCode {
  if (code === RC_CODES.rateLimited) return 'vendor_rate_limited';
  if (RC_UNAVAILABLE_CODES.has(code)) return 'vendor_unavailable';
  if (RC_AUTH_CODES.has(code)) return 'vendor_auth';
  // 1002 is the generic parameter error, but an unknown App-Key comes back as
  // 1002 "Invalidate App-Key." (rongcloud.md §2): that is an auth failure.
  if (code === RC_CODES.param && message && /app-?key/i.test(message)) return 'vendor_auth';
  if (code === RC_CODES.chatroomMissing) return 'vendor_not_found';
  return 'vendor_rejected';
}

const SUMMARY: Partial<Record<VendorErrorCode, string>> = {
  vendor_auth: "RongCloud refused the credentials (check the account's appKey and appSecret)",
  vendor_not_found: 'no such chatroom',
  vendor_rate_limited: "RongCloud's rate limit was hit",
  vendor_unavailable: 'RongCloud failed to answer the request',
  vendor_rejected: 'RongCloud rejected the request',
};
