/**
 * Maps undici and socket errors to VendorErrors, noting whether the request
 * can be known not to have been sent (then any request may be retried).
 */
import { VendorError } from '../errors.js';
import type { AttemptFailure } from './retry-policy.js';

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

export function networkFailure(error: unknown, operation: string, timeoutMs: number): AttemptFailure {
  const code = errorCode(error);
  if (code === 'ABORT_TIMEOUT' || TIMEOUTS.has(code)) {
    return {
      error: new VendorError('vendor_timeout', `${operation}: no answer within ${timeoutMs} ms`, {
        operation,
      }),
      notSent: code === 'UND_ERR_CONNECT_TIMEOUT',
    };
  }
  const what = NOT_SENT.has(code)
    ? `could not connect (${code})`
    : `connection failed (${code || 'unknown error'})`;
  return {
    error: new VendorError('vendor_unavailable', `${operation}: ${what}`, { operation }),
    notSent: NOT_SENT.has(code),
  };
}

function errorCode(error: unknown): string {
  if (!error || typeof error !== 'object') return '';
  const e = error as { name?: string; code?: unknown; cause?: unknown };
  if (e.name === 'TimeoutError' || (e.name === 'AbortError' && isTimeoutCause(e.cause)))
    return 'ABORT_TIMEOUT';
  if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
  // undici wraps socket failures; the cause carries the system code.
  if (e.cause && typeof e.cause === 'object') {
    const inner = errorCode(e.cause);
    if (inner) return inner;
  }
  return typeof e.code === 'string' ? e.code : '';
}

function isTimeoutCause(cause: unknown): boolean {
  return !!cause && typeof cause === 'object' && (cause as { name?: string }).name === 'TimeoutError';
}
