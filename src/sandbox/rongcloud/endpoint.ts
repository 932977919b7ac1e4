/**
 * Wraps a RongCloud handler with what every endpoint does first: the
 * signature check, the body's content type and emptiness, auto-destruction
 * of rooms the clock has passed; then answers in RongCloud's shapes, echoing
 * `X-Request-ID` as the service does.
 */
import { randomUUID } from 'node:crypto';
import { RC_CODES } from '../../vendors/rongcloud/codes.js';
import type { FormRecord } from '../kit/decode-body.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../kit/types.js';
import { type RongcloudAppCredentials, verifySignature } from './auth.js';
import { FormFields } from './form.js';
import { RcFailure, rcError } from './replies.js';
import type { RongcloudState } from './state.js';

export interface EndpointContext {
  state: RongcloudState;
  credentials: RongcloudAppCredentials;
}

export type RcHandler = (fields: FormFields, state: RongcloudState) => EmulatorResponse;

export interface EndpointOptions {
  /** Endpoints whose parameters are all optional accept an empty body. */
  emptyBodyOk?: boolean;
}

const FORM = 'application/x-www-form-urlencoded';
const SIGNED_LOG_LIMIT = 2000;

export function endpoint(
  context: EndpointContext,
  path: string,
  handler: RcHandler,
  options: EndpointOptions = {},
): Route {
  return {
    method: 'POST',
    pattern: path,
    handler: (req) => withRequestId(req, answer(context, req, handler, options)),
  };
}

function answer(
  context: EndpointContext,
  req: EmulatorRequest,
  handler: RcHandler,
  options: EndpointOptions,
): EmulatorResponse {
  try {
    const signed = verifySignature(req.headers, context.credentials);
    const { signedRequests } = context.state;
    signedRequests.push({ ...signed, path: req.path });
    // A long sandbox session must not grow without bound; tests look at recent requests only.
    if (signedRequests.length > SIGNED_LOG_LIMIT) signedRequests.splice(0, SIGNED_LOG_LIMIT / 2);
    if (req.rawBody.trim() === '') {
      if (!options.emptyBodyOk) throw new RcFailure(RC_CODES.emptyBody, 'Request body is empty.');
    } else if (req.contentType !== FORM) {
      throw new RcFailure(RC_CODES.param, `Content-Type must be ${FORM}.`);
    }
    const record =
      req.contentType === FORM && req.body && typeof req.body === 'object' ? (req.body as FormRecord) : {};
    context.state.sweep();
    return handler(new FormFields(record), context.state);
  } catch (error) {
    if (error instanceof RcFailure) return rcError(error.code, error.errorMessage, req.path, error.status);
    throw error;
  }
}

function withRequestId(req: EmulatorRequest, response: EmulatorResponse): EmulatorResponse {
  const given = req.headers['x-request-id'];
  const requestId = (Array.isArray(given) ? given[0] : given) || randomUUID();
  return { ...response, headers: { ...response.headers, 'X-Request-ID': requestId } };
}
