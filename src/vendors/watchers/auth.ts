/**
 * Watchers authenticates every `/external/*` call with two headers: the
 * project's `x-api-key` and `Authorization: Bearer <back-office token>`
 * (docs.watchers.io room-api). The premade room list is the exception: it
 * takes the API key as the `apiKey` query parameter only, so no header
 * credentials are sent there (and the query value is scrubbed by the HTTP
 * machinery like every secret).
 */
import type { WatchersAccount } from '../account.js';
import type { RequestSpec } from '../http/types.js';
import { PATH } from './wire.js';

export function watchersAuthorizer(account: WatchersAccount): (spec: RequestSpec) => Record<string, string> {
  return (spec): Record<string, string> => {
    if (spec.path === PATH.premade) return {};
    return { 'x-api-key': account.apiKey, authorization: `Bearer ${account.token}` };
  };
}
