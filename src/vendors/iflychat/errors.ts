/**
 * What iFlyChat answers add to the HTTP reading. iFlyChat documents no error
 * bodies or codes; its official clients treat any non-200 as a failure and pass
 * the HTTP status and text through (shared/vendors/iflychat.md §1). So the body
 * text (a JSON `error`/`message` field when there is one, else the raw text) is
 * kept as the vendor's message, a 200 carrying `error` or `success: false` is a
 * refusal, and the messages say which setting or room to check.
 */
import { type ReadReply, vendorText } from '../http/classify.js';
import type { RawResponse } from '../http/types.js';

export function makeReader(accountName: string): ReadReply {
  return (res, spec) => {
    const vendorMessage = messageOf(res);
    const reading = vendorMessage ? { vendorMessage } : {};
    if (res.status === 200) {
      const refused =
        isObject(res.body) && (typeof res.body.error === 'string' || res.body.success === false);
      return refused ? { ...reading, ok: false, summary: 'refused (HTTP 200)' } : { ok: true };
    }
    if (res.status === 401 || res.status === 403) {
      const summary = `the api_key was refused; check accounts.${accountName}.apiKey (HTTP ${res.status})`;
      return { ...reading, summary };
    }
    const room = res.status === 404 ? /\/room\/([^/]+)\//.exec(spec.path)?.[1] : undefined;
    if (room !== undefined) return { ...reading, summary: `no room ${decodeURIComponent(room)} (HTTP 404)` };
    return reading;
  };
}

/** iFlyChat sends no request id; one from a proxy in front of it is kept when present. */
export function requestIdOf(res: RawResponse): string | undefined {
  return res.headers['x-request-id'] ?? undefined;
}

function messageOf(res: RawResponse): string | undefined {
  if (isObject(res.body)) {
    for (const key of ['error', 'message', 'error_description']) {
      const value = res.body[key];
      if (typeof value === 'string' && value.trim()) return vendorText(value);
    }
  }
  return vendorText(res.text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
