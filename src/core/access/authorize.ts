/**
 * May this principal, here, run this action on this account? DESIGN.md
 * "Access": the shell/CLI user holds the credentials and is never subject to
 * `access:`; with no `access:` section chat users may only read; a channel
 * allow-list, when present, is checked before roles.
 */
import type { AccessConfig } from '../config/schema.js';
import type { Kind, Place, Principal } from '../types.js';
import { rulesUseGroups, unavailableReason } from './groups.js';
import { describeRoles, ownRoles, rolesGrant, rolesOf } from './roles.js';

/** `code` is set when the refusal is a failed platform look-up, not a denial. */
export type AccessDecision =
  { allowed: true } | { allowed: false; reason: string; code?: 'access_unavailable' };

export interface AccessRequest {
  principal: Principal;
  place: Place;
  /** The account acted on; null or absent for help, accounts and audit. */
  account?: string | null;
  action: string;
  kind: Kind;
}

const ALLOWED: AccessDecision = { allowed: true };

/** What the denial says the principal may not do: run, approve or cancel. */
export type AccessVerb = 'run' | 'approve' | 'cancel';

function placeLabel(place: Place): string | undefined {
  return place.platform === 'discord' ? (place.guild ?? place.channel) : place.channel;
}

/** Shared by authorize, canApprove and canCancel; `verb` only changes the wording. */
export function checkAccess(
  access: AccessConfig | undefined,
  request: AccessRequest,
  verb: AccessVerb,
): AccessDecision {
  const { principal, place, account, action, kind } = request;
  if (principal.platform === 'shell') return ALLOWED;
  const where = account ? ` on ${account}` : '';

  if (access === undefined) {
    if (kind === 'read') return ALLOWED;
    return {
      allowed: false,
      reason: `${principal.id} may not ${verb} ${kind} actions${where}: the config has no access: section, so chat users may only read`,
    };
  }

  if (access.channels !== undefined) {
    const listed = [place.channel, place.guild].some((p) => p !== undefined && access.channels!.includes(p));
    if (!listed) {
      const label = placeLabel(place);
      return {
        allowed: false,
        reason: `RoomOps does not take commands ${label ? `in ${label}` : 'here'}: it is not in access.channels`,
      };
    }
  }

  if (principal.groupsUnavailable !== undefined && rulesUseGroups(access, principal.platform, account)) {
    // More groups only ever add roles, so what the principal's own id grants
    // stands; anything else could be wrong in either direction.
    if (rolesGrant(access, ownRoles(access, principal, account), action, kind)) return ALLOWED;
    return { allowed: false, code: 'access_unavailable', reason: unavailableReason(principal) };
  }

  const roles = rolesOf(access, principal, account);
  if (rolesGrant(access, roles, action, kind)) return ALLOWED;
  return {
    allowed: false,
    reason: `${principal.id} (${describeRoles(roles)}) may not ${verb} ${kind} actions${where}`,
  };
}

export function authorize(access: AccessConfig | undefined, request: AccessRequest): AccessDecision {
  return checkAccess(access, request, 'run');
}
