/**
 * The engine's view of access control: the pure rules of src/core/access/
 * applied to the configured `access:` section. The local shell and CLI user
 * holds the credentials already, so it is never subject to them.
 */
import type { PendingAction } from '../store/types.js';
import { authorize, canApprove, canCancel, rolesGrant, rolesOf } from './access/index.js';
import type { AccessConfig } from './config/index.js';
import type { Place, Principal } from './types.js';
import type { ValidInvocation } from './validate.js';

export type Permission = { allowed: true } | { allowed: false; reason: string };

export interface AccessPolicy {
  authorize(principal: Principal, place: Place, invocation: ValidInvocation): Permission;
  canApprove(principal: Principal, place: Place, pending: PendingAction): Permission;
  canCancel(principal: Principal, place: Place, pending: PendingAction): Permission;
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
    canApprove: (principal, place, pending) => canApprove(access, { principal, place, pending }),
    canCancel: (principal, place, pending) => canCancel(access, { principal, place, pending }),
    mayView: (principal, action) =>
      principal.platform === 'shell' ||
      access === undefined ||
      rolesGrant(access, rolesOf(access, principal, null), action, 'read'),
  };
}
