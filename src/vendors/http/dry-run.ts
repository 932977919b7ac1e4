/**
 * `--dry-run` inside the HTTP layer: the request is recorded (credentials
 * redacted) instead of sent, and answered with the vendor's stand-in reply,
 * which goes through the same schema as a real one. Clients therefore run
 * their ordinary code path — every item of a loop, every step of a
 * several-request change, a request built from an earlier reply — and hold
 * no dry-run branch; the core shows the recorded requests, never the
 * client's result.
 */
import type { Redactor } from './redact.js';
import type { RawResponse, RecordedRequest, RequestSpec } from './types.js';

/** One attempt as it would go on the wire. */
export interface WireRequest {
  /** Path with the query string. */
  path: string;
  headers: Record<string, string>;
}

/** What `--dry-run` shows for `spec`: method, URL, headers and body, every credential masked. */
export function recordedRequest(
  spec: RequestSpec,
  origin: string,
  wire: WireRequest,
  redactor: Redactor,
): RecordedRequest {
  return {
    method: spec.method,
    url: redactor.text(origin + wire.path),
    headers: redactor.headers(wire.headers),
    ...(spec.body ? { body: redactor.value(displayBody(spec.body)) } : {}),
  };
}

/** The reply a recorded request is answered with: the request's own stand-in, else the vendor's. */
export function standInResponse(
  spec: RequestSpec,
  vendorStandIn?: (spec: RequestSpec) => unknown,
): RawResponse {
  const body = spec.standIn !== undefined ? spec.standIn : vendorStandIn?.(spec);
  return { status: 200, headers: {}, body, text: '' };
}

/** JSON as an object, a form as its encoded string. */
function displayBody(body: NonNullable<RequestSpec['body']>): unknown {
  if (body.kind === 'json') return body.value;
  const params = new URLSearchParams();
  for (const [key, value] of body.pairs) params.append(key, value);
  return params.toString();
}
