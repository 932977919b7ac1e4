/**
 * Start-up warnings about an access set-up that is probably not what the
 * operator meant. Logged once when the bot starts serving chat platforms.
 */
import type { AccessConfig } from '../config/schema.js';
import { NO_ROLE } from '../config/schema.js';

export function accessWarnings(config: { access?: AccessConfig }): string[] {
  const { access } = config;
  if (access === undefined) {
    return [
      'no access: section: chat users may only read (add one to let them create, change or delete rooms)',
    ];
  }
  const warnings: string[] = [];
  const defaultGrants = access.default === NO_ROLE ? [] : (access.roles[access.default] ?? []);
  const broad =
    defaultGrants.includes('*') || defaultGrants.includes('destructive')
      ? 'destructive'
      : defaultGrants.includes('write')
        ? 'write'
        : undefined;
  if (broad) {
    warnings.push(
      `access.default is "${access.default}": anyone not listed in access.users may run ${broad} actions`,
    );
  }
  const anyoneListed =
    Object.keys(access.users).length > 0 ||
    Object.values(access.accounts).some((a) => Object.keys(a.users).length > 0);
  if (access.default === NO_ROLE && !anyoneListed) {
    warnings.push(
      'access: gives nobody a role (default is none and no users are listed): chat users can do nothing',
    );
  }
  if (access.channels !== undefined && access.channels.length === 0) {
    warnings.push('access.channels is empty: RoomOps answers in no Slack channel or Discord server');
  }
  return warnings;
}
