/**
 * Watchers' answers → VendorErrors. Its errors are NestJS-shaped
 * (`{"statusCode","message","error"?}`, older pages `{"error"}`):
 * - 404 "Project not found" is an unknown `x-api-key` → vendor_auth, not a
 *   missing room (docs.watchers.io send-message-via-api);
 * - 401/403 (missing or bad bearer token) → vendor_auth;
 * - other 404s (a room, or a path) → vendor_not_found;
 * - 429 → vendor_rate_limited with Retry-After; 5xx → vendor_unavailable;
 * - any other 4xx (validation, duplicate roomId) → vendor_rejected.
 */
import { InputError } from '../../shared/coded-error.js';
import { VendorError, type VendorErrorDetails } from '../errors.js';
import { parseRetryAfter } from '../http/retry-policy.js';
import type { RawResponse, RequestSpec } from '../http/types.js';
import { errorBodySchema } from './schemas.js';

/** A `list` cursor this client did not hand out. */
export function invalidCursorError(cursor: string): InputError {
  return new InputError(
    `cursor "${cursor}" is not a Watchers list cursor (expected the number the previous page returned)`,
    {
      field: 'cursor',
      expected: 'the number the previous page returned',
    },
  );
}

/** No request id is documented; a proxy's `x-request-id` is kept when present. */
export function watchersRequestId(res: RawResponse): string | undefined {
  return res.headers['x-request-id'] ?? res.headers['x-correlation-id'];
}

export function classifyWatchers(res: RawResponse, spec: RequestSpec): VendorError | undefined {
  if (res.status >= 200 && res.status < 300) return undefined;
  const details: VendorErrorDetails = { status: res.status, operation: spec.operation, ...vendorParts(res) };
  const requestId = watchersRequestId(res);
  if (requestId) details.requestId = requestId;
  const op = `Watchers ${spec.operation}`;

  if (res.status === 429) {
    const retryAfterSeconds = parseRetryAfter(res.headers['retry-after']);
    return new VendorError('vendor_rate_limited', `${op}: rate limited`, {
      ...details,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  if (res.status >= 500)
    return new VendorError('vendor_unavailable', `${op}: server error ${res.status}`, details);
  if (res.status === 404 && /project not found/i.test(details.vendorMessage ?? '')) {
    return new VendorError(
      'vendor_auth',
      `${op}: the API key (x-api-key) matches no Watchers project`,
      details,
    );
  }
  if (res.status === 401 || res.status === 403) {
    return new VendorError('vendor_auth', `${op}: the bearer token was refused`, details);
  }
  if (res.status === 404) {
    const room = roomIdOf(spec);
    const what = room !== undefined ? `no room "${room}"` : 'not found';
    return new VendorError('vendor_not_found', `${op}: ${what}`, details);
  }
  return new VendorError('vendor_rejected', `${op}: request refused (HTTP ${res.status})`, details);
}

function vendorParts(res: RawResponse): Pick<VendorErrorDetails, 'vendorCode' | 'vendorMessage'> {
  const parsed = errorBodySchema.safeParse(res.body);
  if (!parsed.success) {
    const text = res.text.trim().slice(0, 200);
    return text ? { vendorMessage: text } : {};
  }
  const { statusCode, message, error } = parsed.data;
  const text = Array.isArray(message) ? message.join('; ') : (message ?? error);
  const code = message !== undefined ? (error ?? statusCode) : statusCode;
  return { ...(code !== undefined ? { vendorCode: code } : {}), ...(text ? { vendorMessage: text } : {}) };
}

/** The room a request is about: its `roomId` body field, or the id path segment. */
function roomIdOf(spec: RequestSpec): string | undefined {
  if (spec.body?.kind === 'json') {
    const roomId = (spec.body.value as { roomId?: unknown } | undefined)?.roomId;
    if (typeof roomId === 'string') return roomId;
  }
  const match = /^\/external\/room\/([^/]+)$/.exec(spec.path);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
