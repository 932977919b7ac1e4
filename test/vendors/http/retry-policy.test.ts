import { describe, expect, it } from 'vitest';
import { VendorError } from '../../../src/vendors/errors.js';
import type { RequestSpec } from '../../../src/vendors/http/types.js';
import { backoffMs, mayRetry, parseRetryAfter } from '../../../src/vendors/http/retry-policy.js';

const spec = (idempotent: boolean): RequestSpec => ({
  method: 'POST',
  path: '/x',
  idempotent,
  operation: 'x',
});
const failure = (code: VendorError['code'], notSent = false) => ({
  error: new VendorError(code, 'x'),
  notSent,
});

describe('retry rules (DESIGN.md "Rules every part keeps")', () => {
  it('retries a 429 for any request, the vendor did not act', () => {
    expect(mayRetry(failure('vendor_rate_limited'), spec(false))).toBe(true);
  });
  it('retries a refused connection for any request, nothing was sent', () => {
    expect(mayRetry(failure('vendor_unavailable', true), spec(false))).toBe(true);
  });
  it('retries a timeout, reset or 5xx only for requests that cannot act twice', () => {
    for (const code of ['vendor_timeout', 'vendor_unavailable'] as const) {
      expect(mayRetry(failure(code), spec(true))).toBe(true);
      expect(mayRetry(failure(code), spec(false))).toBe(false);
    }
  });
  it('never retries auth, not-found, rejected or bad replies', () => {
    for (const code of ['vendor_auth', 'vendor_not_found', 'vendor_rejected', 'vendor_bad_reply'] as const) {
      expect(mayRetry(failure(code), spec(true))).toBe(false);
    }
  });
  it('honours Retry-After and otherwise backs off exponentially with jitter', () => {
    expect(backoffMs(1, 2, () => 0)).toBe(2000);
    expect(backoffMs(1, undefined, () => 0)).toBe(50);
    expect(backoffMs(3, undefined, () => 0.999)).toBeLessThanOrEqual(400);
    expect(backoffMs(3, undefined, () => 0)).toBeGreaterThanOrEqual(200);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
