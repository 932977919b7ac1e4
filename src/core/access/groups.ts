/**
 * Group principals (Slack user groups, Discord roles) and what to do when the
 * platform could not say which groups someone is in. DESIGN.md "Access applies
 * everywhere": never fall back to a broader role such as `access.default`; the
 * answer is `access_unavailable` unless the rules do not depend on groups.
 */
import type { AccessConfig } from '../config/schema.js';
import type { PlatformName, Principal } from '../types.js';

const GROUP_PREFIX: Partial<Record<PlatformName, string>> = {
  slack: 'slack:group:',
  discord: 'discord:role:',
};

function namesGroups(users: Readonly<Record<string, unknown>>, prefix: string): boolean {
  return Object.keys(users).some((principal) => principal.startsWith(prefix));
}

/**
 * True when `access:` names a group principal of this platform, in
 * `access.users` or in `account`'s own `users`. When false, group
 * membership changes nothing for this account.
 */
export function rulesUseGroups(
  access: AccessConfig | undefined,
  platform: PlatformName,
  account?: string | null,
): boolean {
  const prefix = GROUP_PREFIX[platform];
  if (!access || !prefix) return false;
  if (namesGroups(access.users, prefix)) return true;
  const own = account && Object.hasOwn(access.accounts, account) ? access.accounts[account] : undefined;
  return own !== undefined && namesGroups(own.users, prefix);
}

/**
 * Every group principal of this platform that `access:` names, in
 * `access.users` or any account's `users`: the only groups whose membership
 * matters, so the only ones an adapter needs to look up.
 */
export function namedGroups(access: AccessConfig | undefined, platform: PlatformName): string[] {
  const prefix = GROUP_PREFIX[platform];
  if (!access || !prefix) return [];
  const all = [access.users, ...Object.values(access.accounts).map((a) => a.users)].flatMap((users) =>
    Object.keys(users).filter((principal) => principal.startsWith(prefix)),
  );
  return [...new Set(all)];
}

/** The refusal told to someone whose groups could not be looked up. */
export function unavailableReason(principal: Principal): string {
  return (
    `RoomOps could not check ${principal.id}'s groups (${principal.groupsUnavailable ?? 'look-up failed'}), ` +
    'and access here depends on them, so nothing was done. Try again in a minute; ' +
    'if it keeps failing, an operator should check the log.'
  );
}
