/**
 * RongCloud's answers as the service shapes them (shared/vendors/rongcloud.md
 * §1, §3): always JSON with an integer `code`; errors add `errorMessage` and
 * echo the endpoint as `url`, with the HTTP status that goes with the code.
 */
import { RC_HTTP_STATUS } from '../../vendors/rongcloud/codes.js';
import type { EmulatorResponse } from '../kit/types.js';

export function rcOk(fields: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, json: { code: 200, ...fields } };
}

export function rcError(code: number, errorMessage: string, url?: string, status?: number): EmulatorResponse {
  return {
    status: status ?? RC_HTTP_STATUS[code] ?? 400,
    json: { ...(url ? { url } : {}), code, errorMessage },
  };
}

/** A business error a handler raises; the endpoint wrapper turns it into rcError. */
export class RcFailure extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
    readonly status?: number,
  ) {
    super(errorMessage);
  }
}
