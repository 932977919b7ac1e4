/**
 * What Agora Chat's own error bodies add to the HTTP reading (agora.md §1
 * "HTTP status codes", "Error body"): the Easemob `error` name and
 * `error_description`, and two statuses that mean something else here.
 * Easemob sends no request id, so none is reported.
 */
import type { VendorReading } from '../http/classify.js';
import type { RawResponse } from '../http/types.js';
import { errorBody } from './schemas.js';

export function readAgoraReply(res: RawResponse): VendorReading | undefined {
  if (res.status >= 200 && res.status < 300) return undefined;
  const parsed = errorBody.safeParse(res.body);
  const reading: VendorReading = parsed.success
    ? {
        vendorCode: parsed.data.error,
        ...(parsed.data.error_description ? { vendorMessage: parsed.data.error_description } : {}),
      }
    : {};
  if (res.status === 401) return { ...reading, summary: `the app token was refused (HTTP 401)` };
  if (reading.vendorCode === 'organization_application_not_found') {
    // Wrong orgName/appName is an account problem, not a missing room.
    return {
      ...reading,
      code: 'vendor_auth',
      summary: `unknown organization/application: check orgName and appName (HTTP ${res.status})`,
    };
  }
  if (res.status === 403) {
    // A 403 is the chat room's own rules (muted, not a member), not the token.
    return { ...reading, code: 'vendor_rejected', summary: 'refused by the chat room rules (HTTP 403)' };
  }
  return reading;
}
