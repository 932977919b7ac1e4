/**
 * Who clicked or typed: `slack:<user id>` plus their user groups as
 * `slack:group:<id>`, so `access.users` entries for a group apply. Groups come
 * from `usergroups.list` with `include_users=true` (scope `usergroups:read`),
 * fetched once for everybody and cached briefly; concurrent look-ups share one
 * call. If the look-up fails the user acts with no groups (a warning is
 * logged), which can only grant less, never more.
 */
import type { Logger } from '../../core/logger.js';
import type { Principal } from '../../core/types.js';

export interface UsergroupMembers {
  id: string;
  users: readonly string[];
}

export type ListUsergroups = () => Promise<UsergroupMembers[]>;

export class SlackPrincipals {
  private cached: { at: number; groups: UsergroupMembers[] } | undefined;
  private loading: Promise<UsergroupMembers[]> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  async principal(list: ListUsergroups, userId: string, userName?: string): Promise<Principal> {
    const groups = await this.groupsOf(list, userId);
    return {
      platform: 'slack',
      id: `slack:${userId}`,
      ...(userName ? { displayName: userName } : {}),
      groups: groups.map((g) => `slack:group:${g}`),
    };
  }

  private async groupsOf(list: ListUsergroups, userId: string): Promise<string[]> {
    try {
      const all = await this.usergroups(list);
      return all.filter((g) => g.users.includes(userId)).map((g) => g.id);
    } catch (error) {
      this.logger.warn(
        { err: describe(error) },
        'Slack usergroups.list failed; continuing without user groups',
      );
      return [];
    }
  }

  private async usergroups(list: ListUsergroups): Promise<UsergroupMembers[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.groups;
    if (!this.loading) {
      this.loading = list()
        .then((groups) => {
          this.cached = { at: Date.now(), groups };
          return groups;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }
}

/** The Web API's error code (`missing_scope` …) without the request that carried the token. */
function describe(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  return e?.data?.error ?? e?.code ?? e?.message ?? String(error);
}
