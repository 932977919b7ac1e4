/**
 * Agora Chat's (Easemob's) answer shapes: the success envelope with the payload
 * in `data`, and the error body `{error, exception, timestamp, duration,
 * error_description}` (shared/vendors/agora.md §1 "Response envelope", "Error body").
 */
import type { EmulatorResponse } from '../kit/types.js';

/** Fixed internal app UUID the emulator reports, like the real `application` field. */
export const APPLICATION_UUID = '8be024f0-e978-11e8-b697-5d598d5f8402';

export interface EnvelopeContext {
  org: string;
  app: string;
  /** Resource path after `/{org}/{app}`, e.g. `/chatrooms`. */
  path: string;
  method: string;
  /** Base URL the request arrived at, for `uri`. */
  host?: string;
}

export function success(
  ctx: EnvelopeContext,
  data: unknown,
  extra: { count?: number; cursor?: string; params?: Record<string, string[]>; action?: string } = {},
): EmulatorResponse {
  const { action, ...rest } = extra;
  return {
    status: 200,
    json: {
      action: action ?? ctx.method.toLowerCase(),
      application: APPLICATION_UUID,
      applicationName: ctx.app,
      organization: ctx.org,
      uri: `https://${ctx.host ?? 'a41.chat.agora.io'}/${ctx.org}/${ctx.app}${ctx.path}`,
      path: ctx.path,
      entities: [],
      data,
      ...rest,
      properties: {},
      timestamp: Date.now(),
      duration: 0,
    },
  };
}

/** Java exception names Easemob reports beside each short error type (cosmetic; clients ignore them). */
const EXCEPTIONS: Record<string, string> = {
  unauthorized: 'org.apache.usergrid.rest.exceptions.SecurityException',
  auth_bad_access_token: 'org.apache.usergrid.rest.exceptions.SecurityException',
  organization_application_not_found:
    'org.apache.usergrid.rest.exceptions.OrganizationApplicationNotFoundException',
  service_resource_not_found: 'org.apache.usergrid.services.exceptions.ServiceResourceNotFoundException',
  resource_not_found: 'com.easemob.group.exception.ResourceNotFoundException',
  invalid_parameter: 'com.easemob.group.exception.InvalidParameterException',
  illegal_argument: 'java.lang.IllegalArgumentException',
  json_parse: 'com.fasterxml.jackson.core.JsonParseException',
  forbidden_op: 'com.easemob.group.exception.ForbiddenOpException',
  exceed_limit: 'com.easemob.group.exception.ExceedLimitException',
  web_application: 'javax.ws.rs.WebApplicationException',
  reach_limit: 'com.easemob.ratelimit.exception.ReachLimitException',
  unsupported_service_operation:
    'org.apache.usergrid.services.exceptions.UnsupportedServiceOperationException',
};

export function failure(
  status: number,
  error: string,
  description: string,
  headers?: Record<string, string>,
): EmulatorResponse {
  return {
    status,
    ...(headers ? { headers } : {}),
    json: {
      error,
      exception: EXCEPTIONS[error] ?? 'java.lang.RuntimeException',
      timestamp: Date.now(),
      duration: 0,
      error_description: description,
    },
  };
}

export const rateLimited = (retryAfterSeconds: number): EmulatorResponse =>
  failure(429, 'reach_limit', 'This request has reached API limit.', {
    'retry-after': String(retryAfterSeconds),
  });

export const serverError = (status: number): EmulatorResponse =>
  failure(
    status,
    'web_application',
    status === 500 ? 'Internal Server Error' : `Service unavailable (HTTP ${status})`,
  );
