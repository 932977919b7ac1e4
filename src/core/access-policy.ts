/**
 * The engine's view of access control: the pure rules of src/core/access/
 * applied to the configured `access:` section. The local shell and CLI user
 * holds the credentials already, so it is never subject to them.
 */
import type { PendingAction } from '../store/types.js';
import { authorize, canApprove, canCancel, namedGroups, rolesGrant, rolesOf } from './access/index.js';
import type { AccessConfig } from './config/index.js';
import type { PlatformName, Place, Principal } from './types.js';
import type { ValidInvocation } from './validate.js';

export type Permission = { allowed: true } | { allowed: false; reason: string; code?: 'access_unavailable' };

/** What autocomplete asks for: DESIGN.md "autocomplete needs `read` on that account in that place". */
const SUGGEST_ACTION = 'autocomplete';

export interface AccessPolicy {
  authorize(principal: Principal, place: Place, invocation: ValidInvocation): Permission;
  /** May this principal, here, see `account`'s name and room ids (autocomplete)? */
  mayRead(principal: Principal, place: Place, account: string): Permission;
  /** The group principals of `platform` the rules name: the only memberships worth looking up. */
  groupPrincipals(platform: PlatformName): string[];
  /** A pending action, or a job's retry (the clicker's current roles, like a confirm click). */
  canApprove(
    principal: Principal,
    place: Place,
    pending: Pick<PendingAction, 'requester' | 'account' | 'action' | 'kind'>,
  ): Permission;
  /** A pending action, or a job (`jobs cancel`, undo): the requester, or whoever may run its kind. */
  canCancel(
    principal: Principal,
    place: Place,
    pending: Pick<PendingAction, 'requester' | 'account' | 'action' | 'kind'>,
  ): Permission;
  /**
   * May this principal see what a read action shows (accounts, their own
   * audit) outside any channel — their home? Roles only: the channel
   * allow-list is about where commands are taken, and Home takes none.
   */
  mayView(principal: Principal, action: string): boolean;
}

export function accessPolicy(access: AccessConfig | undefined): AccessPolicy {
  return {
    authorize: (principal, place, invocation) =>
      authorize(access, {
        principal,
        place,
        account: invocation.account?.name ?? null,
        action: invocation.spec.name,
        kind: invocation.kind,
      }),
    mayRead: (principal, place, account) =>
      authorize(access, { principal, place, account, action: SUGGEST_ACTION, kind: 'read' }),
    groupPrincipals: (platform) => namedGroups(access, platform),
    canApprove: (principal, place, pending) => canApprove(access, { principal, place, pending }),
    canCancel: (principal, place, pending) => canCancel(access, { principal, place, pending }),
    mayView: (principal, action) =>
      principal.platform === 'shell' ||
      access === undefined ||
      rolesGrant(access, rolesOf(access, principal, null), action, 'read'),
  };
}
