/**
 * `usergroups.list` with `include_users=true` (scope `usergroups:read`) on a
 * Web API client of its own: Bolt's listener client waits out a 429 and
 * retries for up to half an hour (web-api's tenRetriesInAboutThirtyMinutes),
 * which would hold a command that long. Here a rate limit, a refusal or a
 * slow answer fails at once, so access can fail closed and say why.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { RoomOpsError } from '../../shared/coded-error.js';

export interface UsergroupMembers {
  id: string;
  users: readonly string[];
}

export type ListUsergroups = () => Promise<UsergroupMembers[]>;

/** Why a look-up failed, for a person; `retryAfterMs` when Slack said when to try again. */
export class UsergroupLookupError extends RoomOpsError {
  override readonly name: string = 'UsergroupLookupError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super('access_unavailable', message, { retryAfterSeconds: retryAfterMs && retryAfterMs / 1000 });
  }
}

const LOOKUP_TIMEOUT_MS = 3000;

export function usergroupLister(
  settings: { botToken: string; apiUrl?: string },
  logger: Logger,
): ListUsergroups {
  const client = new webApi.WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: LOOKUP_TIMEOUT_MS,
  });
  return async () => {
    try {
      const reply = await client.usergroups.list({ include_users: true });
      return (reply.usergroups ?? [])
        .filter((g): g is typeof g & { id: string } => typeof g.id === 'string' && g.id.length > 0)
        .map((g) => ({ id: g.id, users: Array.isArray(g.users) ? g.users : [] }));
    } catch (error) {
      throw lookupError(error);
    }
  };
}

/** The Web API's own code (`missing_scope`, `ratelimited` …), never the request that carried the token. */
function lookupError(error: unknown): UsergroupLookupError {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string; needed?: string } };
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1;
    return new UsergroupLookupError(`usergroups.list: ratelimited, retry after ${seconds} s`, seconds * 1000);
  }
  if (e?.code === webApi.ErrorCode.PlatformError && e.data?.error) {
    const needed = e.data.needed ? `, needs ${e.data.needed}` : '';
    return new UsergroupLookupError(`usergroups.list: ${e.data.error}${needed}`);
  }
  if (e?.code === webApi.ErrorCode.RequestError || e?.code === webApi.ErrorCode.HTTPError) {
    return new UsergroupLookupError('usergroups.list: Slack did not answer in time or at all');
  }
  return new UsergroupLookupError('usergroups.list failed');
}
