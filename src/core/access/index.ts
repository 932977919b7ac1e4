export { type AccessDecision, type AccessRequest, authorize } from './authorize.js';
export { type ApprovalRequest, canApprove, canCancel, type PendingRef } from './decisions.js';
export { rolesGrant, rolesOf } from './roles.js';
export { accessWarnings } from './warnings.js';
export { namedGroups, rulesUseGroups } from './groups.js';
