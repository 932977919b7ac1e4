/**
 * The engine's view of access control: the pure rules of src/core/access/
 * applied to the configured `access:` section. The local shell and CLI user
 * holds the credentials already, so it is never subject to them.
 */
import type { PendingAction } from '../store/types.js';
import { authorize, canApprove, canCancel } from './access/index.js';
import type { AccessConfig } from './config/index.js';
import type { Place, Principal } from './types.js';
import type { ValidInvocation } from './validate.js';

export type Permission = { allowed: true } | { allowed: false; reason: string };

export interface AccessPolicy {
  authorize(principal: Principal, place: Place, invocation: ValidInvocation): Permission;
  canApprove(principal: Principal, place: Place, pending: PendingAction): Permission;
  /** A pending action, or a job (`jobs cancel`, undo): the requester, or whoever may run its kind. */
  canCancel(
    principal: Principal,
    place: Place,
    pending: Pick<PendingAction, 'requester' | 'account' | 'action' | 'kind'>,
  ): Permission;
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
  };
}
