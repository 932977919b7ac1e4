/**
 * The answers the iFlyChat emulator gives. Success shapes are the vendor's
 * (shared/vendors/iflychat.md §2). iFlyChat documents no error bodies at all,
 * so the error shapes follow the emulator convention written down in the
 * vendor file (§1 "Success and error shapes"): `{"error":"<text>"}` with
 * 403 for a bad api_key, 404 for an unknown room, 400 for a missing field.
 * Rate limiting, 5xx, 405 and 415 use the same `{"error"}` body.
 */
import type { EmulatorRequest, EmulatorResponse } from '../kit/types.js';

export const PATH_PREFIX = '/api/1.1';

export const ok = (json: unknown): EmulatorResponse => ({ status: 200, json });

export const success = (): EmulatorResponse => ok({ success: true });

export const failure = (status: number, error: string): EmulatorResponse => ({ status, json: { error } });

export const invalidApiKey = (): EmulatorResponse => failure(403, 'invalid api_key');

export const roomNotFound = (): EmulatorResponse => failure(404, 'room not found');

export const fieldRequired = (field: string): EmulatorResponse => failure(400, `${field} is required`);

export const rateLimited = (retryAfterSeconds: number): EmulatorResponse => ({
  status: 429,
  headers: { 'retry-after': String(retryAfterSeconds) },
  json: { error: 'rate limit exceeded' },
});

export const serverError = (status: number): EmulatorResponse =>
  failure(status, status === 503 ? 'service unavailable' : 'internal server error');

/** Every iFlyChat endpoint is POST; another method on a known path is 405, any other path 404. */
export function notFound(req: EmulatorRequest): EmulatorResponse {
  if (req.method !== 'POST' && req.path.startsWith(`${PATH_PREFIX}/`)) {
    return { status: 405, headers: { allow: 'POST' }, json: { error: 'method not allowed' } };
  }
  return failure(404, 'unknown endpoint');
}
