/**
 * Turns a RongCloud answer into a VendorError. Success is the body's
 * `code == 200` whatever the HTTP status (shared/vendors/rongcloud.md §1):
 * the service sends business errors with HTTP 200 (1015, 23410) as well as
 * with 4xx/5xx, so the code decides first and the status only when the body
 * carries none (a proxy's page, an empty 502).
 */
import { VendorError, type VendorErrorCode, type VendorErrorDetails } from '../errors.js';
import { parseRetryAfter } from '../http/retry-policy.js';
import type { RawResponse, RequestSpec } from '../http/types.js';
import { RC_AUTH_CODES, RC_CODES, RC_OK, RC_UNAVAILABLE_CODES } from './codes.js';
import { errorBody } from './schemas.js';

export function classifyRongcloud(res: RawResponse, spec: RequestSpec): VendorError | undefined {
  const parsed = errorBody.safeParse(res.body);
  const body = parsed.success ? parsed.data : undefined;
  if (body?.code === RC_OK) return undefined;

  const details: VendorErrorDetails = {
    status: res.status,
    operation: spec.operation,
    ...(body ? { vendorCode: body.code } : {}),
    ...(body?.errorMessage ? { vendorMessage: body.errorMessage } : {}),
    ...(requestIdOfRongcloud(res) ? { requestId: requestIdOfRongcloud(res) } : {}),
  };
  const retryAfter = parseRetryAfter(res.headers['retry-after']);
  if (retryAfter !== undefined) details.retryAfterSeconds = retryAfter;

  const code = body ? codeFromBody(body.code, body.errorMessage) : codeFromStatus(res.status);
  if (code === undefined) {
    // A 2xx without a RongCloud envelope: let the response schema report it as a bad reply.
    return undefined;
  }
  return new VendorError(code, summary(code, spec), details);
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

function codeFromStatus(status: number): VendorErrorCode | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 429) return 'vendor_rate_limited';
  if (status >= 500) return 'vendor_unavailable';
  if (status === 401 || status === 403) return 'vendor_auth';
  return 'vendor_rejected';
}

function summary(code: VendorErrorCode, spec: RequestSpec): string {
  const what = `rongcloud ${spec.operation}`;
  switch (code) {
    case 'vendor_auth':
      return `${what}: RongCloud refused the credentials (check the account's appKey and appSecret)`;
    case 'vendor_not_found':
      return `${what}: no such chatroom`;
    case 'vendor_rate_limited':
      return `${what}: RongCloud's rate limit was hit`;
    case 'vendor_unavailable':
      return `${what}: RongCloud failed to answer the request`;
    default:
      return `${what}: RongCloud rejected the request`;
  }
}
