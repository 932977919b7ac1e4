/**
 * Watchers.io answers in the NestJS shape: `{"statusCode", "message"}` (plus
 * `error` for framework-generated errors, a `message` array for validation).
 * Documented for `/external/message/send` (docs.watchers.io
 * send-message-via-api); applied to every endpoint here as the vendor file's
 * emulator convention (shared/vendors/watchers.md §1, §4).
 */
import type { EmulatorRequest, EmulatorResponse } from '../kit/types.js';

export const created = (json: unknown): EmulatorResponse => ({ status: 201, json });
export const ok = (json: unknown): EmulatorResponse => ({ status: 200, json });

/** Unknown x-api-key: documented 404 body. */
export const projectNotFound = (): EmulatorResponse => ({
  status: 404,
  json: { statusCode: 404, message: 'Project not found' },
});

/** Missing or invalid bearer token: documented 403 (published text cut off after "Bearer token is req"). */
export const bearerRefused = (message: string): EmulatorResponse => ({
  status: 403,
  json: { statusCode: 403, message },
});

export const roomNotFound = (): EmulatorResponse => ({
  status: 404,
  json: { statusCode: 404, message: 'Room not found' },
});

/** class-validator style: every failed rule as one string of the `message` array. */
export const badRequest = (messages: string[]): EmulatorResponse => ({
  status: 400,
  json: { statusCode: 400, message: messages, error: 'Bad Request' },
});

export const conflict = (message: string): EmulatorResponse => ({
  status: 409,
  json: { statusCode: 409, message, error: 'Conflict' },
});

/** NestJS ThrottlerGuard's answer; it sets Retry-After in seconds. */
export const rateLimited = (retryAfterSeconds: number): EmulatorResponse => ({
  status: 429,
  headers: { 'retry-after': String(retryAfterSeconds) },
  json: { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
});

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const serverError = (status: number): EmulatorResponse => ({
  status,
  json: { statusCode: status, message: STATUS_TEXT[status] ?? 'Internal server error' },
});

/** NestJS's answer for a route it does not have. */
export const unknownPath = (req: EmulatorRequest): EmulatorResponse => ({
  status: 404,
  json: { statusCode: 404, message: `Cannot ${req.method} ${req.path}`, error: 'Not Found' },
});
