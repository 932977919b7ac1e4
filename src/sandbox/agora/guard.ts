/**
 * The checks every Agora Chat endpoint makes before its own logic, in the
 * order of agora.md §4: the `/{org}/{app}` pair (404
 * organization_application_not_found), the Bearer AccessToken2 (401), and for
 * endpoints that take a body, `Content-Type: application/json` (415) and
 * well-formed JSON (400 json_parse).
 */
import type { EmulatorRequest, EmulatorResponse, Handler } from '../kit/types.js';
import { type DecodedAccessToken, verifyAppToken } from './access-token.js';
import { type EnvelopeContext, failure } from './envelope.js';

export interface AgoraAppCredentials {
  orgName: string;
  appName: string;
  appId: string;
  appCertificate: string;
}

export interface GuardOptions {
  credentials: AgoraAppCredentials;
  /** Seconds since the epoch (injectable so tests can verify old tokens). */
  nowSeconds: () => number;
  /** Told about every token that passed verification (tests check renewal with it). */
  onAccepted?: (token: DecodedAccessToken) => void;
}

export interface AgoraCall {
  req: EmulatorRequest;
  ctx: EnvelopeContext;
  /** Decoded JSON object body, for endpoints declared with `json: true`. */
  body: Record<string, unknown>;
}

export type AgoraHandler = (call: AgoraCall) => EmulatorResponse;

export function unknownApp(org: string, app: string): EmulatorResponse {
  return failure(
    404,
    'organization_application_not_found',
    `Could not find application for ${org}/${app} from URI: ${org}/${app}`,
  );
}

export function makeGuard(options: GuardOptions) {
  return (handler: AgoraHandler, endpoint: { json?: boolean } = {}): Handler =>
    (req) => {
      const { org = '', app = '' } = req.params;
      const { orgName, appName } = options.credentials;
      if (org !== orgName || app !== appName) return unknownApp(org, app);

      const auth = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!match) {
        return failure(
          401,
          'unauthorized',
          'Unable to authenticate due to missing or invalid Authorization header',
        );
      }
      const check = verifyAppToken(match[1]!, options.credentials, options.nowSeconds());
      if (!check.ok) return failure(401, check.error, check.description);
      options.onAccepted?.(check.token);

      const prefix = `/${org}/${app}`;
      const ctx: EnvelopeContext = {
        org,
        app,
        method: req.method,
        path: req.path.slice(prefix.length) || '/',
        ...(typeof req.headers.host === 'string' ? { host: req.headers.host } : {}),
      };

      let body: Record<string, unknown> = {};
      if (endpoint.json) {
        if (req.contentType !== 'application/json') {
          return failure(
            415,
            'web_application',
            'Unsupported Media Type: send Content-Type: application/json',
          );
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(req.rawBody);
        } catch (error) {
          return failure(
            400,
            'json_parse',
            `Unexpected character in the request body: ${(error as Error).message}`,
          );
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          return failure(400, 'json_parse', 'The request body must be a JSON object');
        }
        body = parsed as Record<string, unknown>;
      }
      return handler({ req, ctx, body });
    };
}

export type Guard = ReturnType<typeof makeGuard>;
