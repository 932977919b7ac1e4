/**
 * Which roles a principal holds, and what a set of roles grants
 * (DESIGN.md "Access"). Pure functions over the validated `access:` section.
 */
import type { AccessConfig } from '../config/schema.js';
import { NO_ROLE } from '../config/schema.js';
import type { Kind, Principal } from '../types.js';

/** The principal's own id and every group it belongs to (Slack user groups, Discord roles). */
export function identitiesOf(principal: Principal): string[] {
  return [principal.id, ...principal.groups];
}

function listedRoles(
  users: Readonly<Record<string, readonly string[]>>,
  ids: readonly string[],
): string[] | undefined {
  const matched = ids.filter((id) => Object.hasOwn(users, id));
  return matched.length ? matched.flatMap((id) => users[id]!) : undefined;
}

/**
 * Roles of `principal` when acting on `account`: the union over its id and
 * groups in `access.users` (or `access.default` when none of them is listed),
 * plus the account's own `users` overrides. `none` grants nothing.
 */
export function rolesOf(access: AccessConfig, principal: Principal, account?: string | null): string[] {
  const ids = identitiesOf(principal);
  const roles = listedRoles(access.users, ids) ?? [access.default];
  const override = account && Object.hasOwn(access.accounts, account) ? access.accounts[account] : undefined;
  if (override) roles.push(...(listedRoles(override.users, ids) ?? []));
  return [...new Set(roles)].filter((r) => r !== NO_ROLE);
}

/**
 * Roles listed for the principal's own id only (no groups, no
 * `access.default`): what it holds for certain when its groups are unknown.
 */
export function ownRoles(access: AccessConfig, principal: Principal, account?: string | null): string[] {
  const roles = listedRoles(access.users, [principal.id]) ?? [];
  const override = account && Object.hasOwn(access.accounts, account) ? access.accounts[account] : undefined;
  if (override) roles.push(...(listedRoles(override.users, [principal.id]) ?? []));
  return [...new Set(roles)].filter((r) => r !== NO_ROLE);
}

/** True when one of `roles` grants `action` (any form) or its `kind`, or everything (`*`). */
export function rolesGrant(
  access: AccessConfig,
  roles: readonly string[],
  action: string,
  kind: Kind,
): boolean {
  return roles.some((role) => {
    const grants = Object.hasOwn(access.roles, role) ? access.roles[role]! : [];
    return grants.some((g) => g === '*' || g === kind || g === action);
  });
}

/** "role viewer", "roles operator, viewer", "no role": for denial reasons. */
export function describeRoles(roles: readonly string[]): string {
  if (roles.length === 0) return 'no role';
  return `${roles.length === 1 ? 'role' : 'roles'} ${roles.join(', ')}`;
}
