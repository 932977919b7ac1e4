/**
 * What Watchers' NestJS-shaped error bodies (`{"statusCode","message","error"?}`,
 * older pages `{"error"}`) add to the HTTP reading:
 * - 404 "Project not found" is an unknown `x-api-key` → vendor_auth, not a
 *   missing room (docs.watchers.io send-message-via-api);
 * - 401/403 is the bearer token;
 * - another 404 names the room the request was about.
 */
import { type ReadReply, vendorClassifier, vendorText } from '../http/classify.js';
import type { RawResponse, RequestSpec } from '../http/types.js';
import { errorBodySchema } from './schemas.js';

/** No request id is documented; a proxy's `x-request-id` is kept when present. */
export function watchersRequestId(res: RawResponse): string | undefined {
  return res.headers['x-request-id'] ?? res.headers['x-correlation-id'];
}

export const readWatchersReply: ReadReply = (res, spec) => {
  if (res.status >= 200 && res.status < 300) return undefined;
  const parsed = errorBodySchema.safeParse(res.body);
  let vendorCode: string | number | undefined;
  let vendorMessage: string | undefined;
  if (parsed.success) {
    const { statusCode, message, error } = parsed.data;
    vendorMessage = Array.isArray(message) ? message.join('; ') : (message ?? error);
    vendorCode = message !== undefined ? (error ?? statusCode) : statusCode;
  } else {
    vendorMessage = vendorText(res.text);
  }
  const reading = {
    ...(vendorCode !== undefined ? { vendorCode } : {}),
    ...(vendorMessage ? { vendorMessage } : {}),
  };
  if (res.status === 401 || res.status === 403)
    return { ...reading, summary: `the bearer token was refused (HTTP ${res.status})` };
  if (res.status !== 404) return reading;
  if (/project not found/i.test(vendorMessage ?? '')) {
    return {
      ...reading,
      code: 'vendor_auth',
      summary: 'the API key (x-api-key) matches no Watchers project',
    };
  }
  const room = roomIdOf(spec);
  return room === undefined ? reading : { ...reading, summary: `no room "${room}"` };
};

export const classifyWatchers = vendorClassifier('watchers', readWatchersReply, watchersRequestId);

/** The room a request is about: its `roomId` body field, or the id path segment. */
function roomIdOf(spec: RequestSpec): string | undefined {
  if (spec.body?.kind === 'json') {
    const roomId = (spec.body.value as { roomId?: unknown } | undefined)?.roomId;
    if (typeof roomId === 'string') return roomId;
  }
  const match = /^\/external\/room\/([^/]+)$/.exec(spec.path);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
