/**
 * Maps Agora Chat's answers to VendorErrors (agora.md §1 "HTTP status codes",
 * "Error body"), keeping the vendor's `error` type and `error_description`.
 * Easemob sends no request id, so none is reported.
 */
import { VendorError, type VendorErrorCode } from '../errors.js';
import { parseRetryAfter } from '../http/retry-policy.js';
import type { RawResponse, RequestSpec } from '../http/types.js';
import { errorBody } from './schemas.js';

export function classifyAgora(res: RawResponse, spec: RequestSpec): VendorError | undefined {
  if (res.status >= 200 && res.status < 300) return undefined;
  const parsed = errorBody.safeParse(res.body);
  const vendorCode = parsed.success ? parsed.data.error : undefined;
  const vendorMessage = parsed.success ? parsed.data.error_description : undefined;
  const { code, summary } = codeFor(res.status, vendorCode);
  const retryAfterSeconds = res.status === 429 ? parseRetryAfter(res.headers['retry-after']) : undefined;
  return new VendorError(code, `agora ${spec.operation}: ${summary} (HTTP ${res.status})`, {
    status: res.status,
    operation: spec.operation,
    ...(vendorCode !== undefined ? { vendorCode } : {}),
    ...(vendorMessage ? { vendorMessage } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

function codeFor(status: number, vendorCode: string | undefined): { code: VendorErrorCode; summary: string } {
  if (status === 401) return { code: 'vendor_auth', summary: 'the app token was refused' };
  if (vendorCode === 'organization_application_not_found') {
    // Wrong orgName/appName is an account problem, not a missing room.
    return { code: 'vendor_auth', summary: 'unknown organization/application: check orgName and appName' };
  }
  if (status === 404) return { code: 'vendor_not_found', summary: 'not found' };
  if (status === 429) return { code: 'vendor_rate_limited', summary: 'rate limited' };
  if (status === 408) return { code: 'vendor_timeout', summary: 'the vendor timed out' };
  if (status >= 500) return { code: 'vendor_unavailable', summary: 'vendor server error' };
  if (status === 403) return { code: 'vendor_rejected', summary: 'refused by the chat room rules' };
  return { code: 'vendor_rejected', summary: 'request rejected' };
}
