/**
 * Turning iFlyChat answers into VendorErrors. iFlyChat documents no error
 * bodies or codes; its official clients treat any non-200 as a failure and pass
 * the HTTP status and text through (shared/vendors/iflychat.md §1). So the HTTP
 * status is the vendor's only code: it is kept in the details and the message,
 * and the body text (a JSON `error`/`message` field when there is one, else the
 * raw text) is kept as the vendor's message. Nothing here is JSON-only.
 */
import { VendorError, type VendorErrorCode } from '../errors.js';
import { parseRetryAfter } from '../http/retry-policy.js';
import type { RawResponse, RequestSpec } from '../http/types.js';

const MAX_VENDOR_TEXT = 300;

export function makeClassifier(accountName: string) {
  return function classify(res: RawResponse, spec: RequestSpec): VendorError | undefined {
    const vendorMessage = vendorText(res);
    const details = {
      status: res.status,
      operation: `iflychat ${spec.operation}`,
      ...(vendorMessage ? { vendorMessage } : {}),
    };
    const fail = (code: VendorErrorCode, message: string, extra: object = {}) =>
      new VendorError(code, `${message} (HTTP ${res.status})`, { ...details, ...extra });

    if (res.status === 200) {
      // A 200 carrying an `error` or `success: false` is still a refusal.
      if (isObject(res.body) && (typeof res.body.error === 'string' || res.body.success === false)) {
        return fail('vendor_rejected', `iflychat refused ${spec.operation}`);
      }
      return undefined;
    }
    if (res.status === 401 || res.status === 403) {
      return fail(
        'vendor_auth',
        `iflychat refused the api_key for ${spec.operation}; check accounts.${accountName}.apiKey`,
      );
    }
    if (res.status === 404) {
      const room = /\/room\/([^/]+)\//.exec(spec.path)?.[1];
      const what =
        room !== undefined
          ? `iflychat has no room ${decodeURIComponent(room)}`
          : `iflychat ${spec.operation}: not found`;
      return fail('vendor_not_found', what);
    }
    if (res.status === 429) {
      const retryAfterSeconds = parseRetryAfter(res.headers['retry-after']);
      return fail(
        'vendor_rate_limited',
        `iflychat is rate limiting ${spec.operation}`,
        retryAfterSeconds !== undefined ? { retryAfterSeconds } : {},
      );
    }
    if (res.status >= 500) return fail('vendor_unavailable', `iflychat could not serve ${spec.operation}`);
    if (res.status >= 400) return fail('vendor_rejected', `iflychat rejected ${spec.operation}`);
    return fail('vendor_bad_reply', `iflychat ${spec.operation}: unexpected HTTP status`);
  };
}

/** iFlyChat sends no request id; one from a proxy in front of it is kept when present. */
export function requestIdOf(res: RawResponse): string | undefined {
  return res.headers['x-request-id'] ?? undefined;
}

function vendorText(res: RawResponse): string | undefined {
  if (isObject(res.body)) {
    for (const key of ['error', 'message', 'error_description']) {
      const value = res.body[key];
      if (typeof value === 'string' && value.trim()) return clip(value);
    }
  }
  const raw = res.text.replace(/\s+/g, ' ').trim();
  return raw ? clip(raw) : undefined;
}

const clip = (s: string) => (s.length > MAX_VENDOR_TEXT ? `${s.slice(0, MAX_VENDOR_TEXT)}…` : s);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
