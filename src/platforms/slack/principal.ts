/**
 * Who clicked or typed: `slack:<user id>` plus the user groups `access:`
 * names that they belong to, as `slack:group:<id>`. Groups come from one
 * `usergroups.list` call shared by everyone and concurrent requests. Only the
 * groups `access:` names are kept (so the cache is bounded by the config),
 * for FRESH_MS; when a refresh fails, the last good answer serves for up to
 * STALE_MS so a Slack hiccup does not lock everyone out. With no good answer
 * that recent the principal carries `groupsUnavailable` and the core refuses
 * with `access_unavailable` wherever the rules depend on groups. With no
 * group in `access:` nothing is looked up.
 */
import type { Logger } from '../../core/logger.js';
import type { Principal } from '../../core/types.js';
import { type ListUsergroups, UsergroupLookupError } from './usergroup-lister.js';

const GROUP_PREFIX = 'slack:group:';
export const FRESH_MS = 60_000;
export const STALE_MS = 5 * 60_000;

interface Snapshot {
  at: number;
  /** Group principal (`slack:group:S…`) → member user ids, for the groups `access:` names only. */
  members: Map<string, ReadonlySet<string>>;
}

export interface SlackPrincipalsOptions {
  list: ListUsergroups;
  /** The group principals `access:` names (`slack:group:S0OPS`); empty means no look-up is needed. */
  named: () => readonly string[];
  logger: Logger;
  now?: () => number;
}

export class SlackPrincipals {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  /** After a 429: no call before this time (Slack's Retry-After). */
  private quietUntil = 0;
  private lastFailure = '';
  private readonly now: () => number;

  constructor(private readonly options: SlackPrincipalsOptions) {
    this.now = options.now ?? Date.now;
  }

  async principal(userId: string, userName?: string): Promise<Principal> {
    const base = {
      platform: 'slack' as const,
      id: `slack:${userId}`,
      ...(userName ? { displayName: userName } : {}),
    };
    const named = this.options.named();
    if (named.length === 0) return { ...base, groups: [] };
    const snapshot = await this.current(named);
    if (!snapshot) return { ...base, groups: [], groupsUnavailable: `Slack ${this.lastFailure}` };
    const groups = [...snapshot.members].filter(([, users]) => users.has(userId)).map(([group]) => group);
    return { ...base, groups };
  }

  /** A snapshot no older than FRESH_MS, else (refresh failed) one no older than STALE_MS, else none. */
  private async current(named: readonly string[]): Promise<Snapshot | undefined> {
    const now = this.now();
    if (this.snapshot && now - this.snapshot.at < FRESH_MS) return this.snapshot;
    try {
      if (now < this.quietUntil) throw new UsergroupLookupError(this.lastFailure);
      return await this.refresh(named);
    } catch (error) {
      this.lastFailure = error instanceof UsergroupLookupError ? error.message : 'usergroups.list failed';
      if (error instanceof UsergroupLookupError && error.retryAfterMs)
        this.quietUntil = Math.max(this.quietUntil, now + error.retryAfterMs);
      const usable = this.snapshot && this.now() - this.snapshot.at < STALE_MS ? this.snapshot : undefined;
      this.options.logger.warn(
        { err: this.lastFailure, usingCachedGroups: usable !== undefined },
        'Slack user groups could not be looked up',
      );
      return usable;
    }
  }

  private refresh(named: readonly string[]): Promise<Snapshot> {
    this.loading ??= this.options
      .list()
      .then((groups) => {
        const wanted = new Set(named);
        const members = new Map<string, ReadonlySet<string>>();
        for (const g of groups) {
          const principal = `${GROUP_PREFIX}${g.id}`;
          if (wanted.has(principal)) members.set(principal, new Set(g.users));
        }
        this.snapshot = { at: this.now(), members };
        return this.snapshot;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
