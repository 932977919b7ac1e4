/**
 * Checks that span sections of the config: every role referenced in
 * `access` is defined in `access.roles` (or is `none`), and every account in
 * `access.accounts` is defined in `accounts`. Runs on the raw (interpolated)
 * data even when other parts are invalid, so one run reports every problem;
 * it skips whatever does not have the expected shape (the schema reports that).
 */
import type { ConfigIssue } from './interpolate.js';
import { closest } from './issues.js';
import { NO_ROLE } from './schema.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function checkRoleRefs(value: unknown, path: string, roles: Set<string>, issues: ConfigIssue[]): void {
  const refs = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || ref === NO_ROLE || roles.has(ref)) continue;
    const near = closest(ref, roles);
    const defined = roles.size ? `defined roles: ${[...roles].join(', ')}` : 'access.roles defines none';
    issues.push({
      path,
      message: `unknown role "${ref}"${near ? ` (did you mean "${near}"?)` : ''}; ${defined}, or "${NO_ROLE}"`,
    });
  }
}

export function crossCheck(data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isRecord(data) || !isRecord(data.access)) return issues;
  const access = data.access;
  const roles = new Set(isRecord(access.roles) ? Object.keys(access.roles).filter((r) => r !== NO_ROLE) : []);

  if (access.default !== undefined) checkRoleRefs(access.default, 'access.default', roles, issues);
  if (isRecord(access.users)) {
    for (const [who, value] of Object.entries(access.users))
      checkRoleRefs(value, `access.users.${who}`, roles, issues);
  }
  if (isRecord(access.accounts)) {
    const accounts = new Set(isRecord(data.accounts) ? Object.keys(data.accounts) : []);
    for (const [name, override] of Object.entries(access.accounts)) {
      if (!accounts.has(name)) {
        const near = closest(name, accounts);
        issues.push({
          path: `access.accounts.${name}`,
          message: `no account named "${name}" in accounts${near ? ` (did you mean "${near}"?)` : ''}`,
        });
      }
      if (isRecord(override) && isRecord(override.users)) {
        for (const [who, value] of Object.entries(override.users)) {
          checkRoleRefs(value, `access.accounts.${name}.users.${who}`, roles, issues);
        }
      }
    }
  }
  return issues;
}
