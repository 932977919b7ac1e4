/**
 * Who may decide a pending (destructive) action. Whoever may run it may
 * approve it, except the requester on an account with `twoPersonRule`; the
 * requester may always cancel their own, and so may whoever may approve it.
 */
import type { AccessConfig } from '../config/schema.js';
import type { Kind, Place, Principal } from '../types.js';
import { type AccessDecision, checkAccess } from './authorize.js';

export interface PendingRef {
  /** Principal id of the requester. */
  requester: string;
  account: string;
  action: string;
  kind: Kind;
}

export interface ApprovalRequest {
  principal: Principal;
  place: Place;
  pending: PendingRef;
}

export function canApprove(access: AccessConfig | undefined, request: ApprovalRequest): AccessDecision {
  const { principal, place, pending } = request;
  const decision = checkAccess(
    access,
    { principal, place, account: pending.account, action: pending.action, kind: pending.kind },
    'approve',
  );
  if (!decision.allowed || principal.platform === 'shell') return decision;
  const rules =
    access && Object.hasOwn(access.accounts, pending.account) ? access.accounts[pending.account] : undefined;
  if (rules?.twoPersonRule && principal.id === pending.requester) {
    return {
      allowed: false,
      reason: `${pending.account} requires a second person: ${principal.id} asked for this and may not approve it too`,
    };
  }
  return decision;
}

export function canCancel(access: AccessConfig | undefined, request: ApprovalRequest): AccessDecision {
  const { principal, place, pending } = request;
  if (principal.id === pending.requester) return { allowed: true };
  return checkAccess(
    access,
    { principal, place, account: pending.account, action: pending.action, kind: pending.kind },
    'cancel',
  );
}
