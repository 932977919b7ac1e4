/**
 * The `--json` shapes DESIGN.md fixes: exactly one object on stdout.
 * Success `{ok:true, action, account, vendor, result}`; failure
 * `{ok:false, action, account, vendor, error:{code, message, …}}`. Either
 * carries `warnings` when something could not be recorded after the vendor
 * acted (DESIGN.md "Nothing lost after the vendor acted").
 */
import { exitStatusFor } from '../core/errors.js';
import type { Outcome } from '../core/outcome.js';

export function outcomeJson(outcome: Outcome): { json: Record<string, unknown>; exitCode: number } {
  const head = {
    action: outcome.action,
    account: outcome.account,
    vendor: outcome.vendor,
    ...(outcome.warnings?.length ? { warnings: outcome.warnings } : {}),
  };
  switch (outcome.type) {
    case 'result':
      return { json: { ok: true, ...head, result: outcome.result }, exitCode: 0 };
    case 'dry_run':
      return {
        json: { ok: true, ...head, result: { dryRun: true, requests: outcome.requests } },
        exitCode: 0,
      };
    case 'error':
      return {
        json: { ok: false, ...head, error: outcome.error },
        exitCode: exitStatusFor(outcome.error.code),
      };
    case 'confirm':
      // The CLI never leaves a pending action behind; this is a guard.
      return {
        json: {
          ok: false,
          ...head,
          error: { code: 'not_confirmed', message: `${outcome.pending.description} Confirm with --yes.` },
        },
        exitCode: 3,
      };
  }
}
