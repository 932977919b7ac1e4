/**
 * Watchers' external guard, in the documented order: the `x-api-key` header is
 * resolved to a project first (unknown → 404 "Project not found"), then the
 * `Authorization: Bearer` token is checked against that project's tokens
 * (missing or wrong → 403). docs.watchers.io send-message-via-api.
 */
import type { EmulatorRequest, EmulatorResponse } from '../kit/types.js';
import { bearerRefused, projectNotFound } from './replies.js';

export interface WatchersCredentials {
  apiKey: string;
  token: string;
}

export function checkExternalAuth(
  req: EmulatorRequest,
  credentials: WatchersCredentials,
): EmulatorResponse | undefined {
  const apiKey = header(req, 'x-api-key');
  if (apiKey !== credentials.apiKey) return projectNotFound();
  const authorization = header(req, 'authorization');
  if (!authorization) return bearerRefused('Bearer token is required');
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  if (!match || match[1]!.trim() !== credentials.token) return bearerRefused('Bearer token is invalid');
  return undefined;
}

/** `GET /room/premade` authenticates by the `apiKey` query parameter only. */
export function checkQueryKey(
  req: EmulatorRequest,
  credentials: WatchersCredentials,
): EmulatorResponse | undefined {
  return req.query.get('apiKey') === credentials.apiKey ? undefined : projectNotFound();
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
