/**
 * Runs a validated invocation against its account's client and turns what
 * happens into an Outcome: a result, a partial failure item by item, a vendor
 * error, or under --dry-run the recorded requests. A dry run's client records
 * instead of sending and answers with stand-in replies (src/vendors/http/
 * dry-run.ts), so the command runs its ordinary path; its result is not
 * shown and nothing it would record after the vendor acted is written.
 */
import type { RecordedRequest } from '../vendors/http/types.js';
import { NOTHING_TO_RECORD } from './after-vendor.js';
import type { ClientPool } from './client-pool.js';
import type { VendorClient } from '../vendors/types.js';
import type { AccountRef, AccountRunContext, RunContext } from './command-spec.js';
import type { ErrorLog } from './error-id.js';
import type { Outcome, OutcomeBase } from './outcome.js';
import { toOutcomeError } from './outcome-errors.js';
import { type ValidInvocation, visibilityOf } from './validate.js';

export async function executeInvocation(
  invocation: ValidInvocation,
  ctx: RunContext,
  clients: ClientPool,
  options: { dryRun?: boolean; log: ErrorLog },
): Promise<Outcome> {
  const { spec, account } = invocation;
  const base: OutcomeBase = {
    action: spec.name,
    account: account?.name ?? null,
    vendor: account?.vendor ?? null,
    kind: invocation.kind,
    visibility: visibilityOf(invocation),
  };
  const recorder: RecordedRequest[] = [];
  // Without an account there is no vendor request to show, and running it
  // would act for real (`jobs cancel`): its dry run shows that nothing is sent.
  if (options.dryRun && !spec.takesAccount)
    return { ...base, type: 'dry_run', visibility: 'private', requests: [] };
  const client = account
    ? await (options.dryRun ? clients.dryRunClient(account.name, recorder) : clients.client(account.name))
    : null;
  // The vendor does nothing in a dry run, so there is nothing to record after it.
  const runCtx = options.dryRun ? { ...ctx, afterVendor: NOTHING_TO_RECORD } : ctx;
  try {
    const run = spec.takesAccount
      ? await spec.run(invocation.args, accountContext(runCtx, account, client))
      : await spec.run(invocation.args, runCtx);
    if (options.dryRun) return { ...base, type: 'dry_run', visibility: 'private', requests: recorder };
    if (run.items?.some((i) => !i.ok)) {
      const failed = run.items.filter((i) => !i.ok);
      // One item is not a several-item call: its own error is the answer (e.g. vendor_not_found).
      const only = run.items.length === 1 ? failed[0] : undefined;
      if (only) {
        const { id: _id, ok: _ok, ...context } = only;
        return {
          ...base,
          type: 'error',
          visibility: 'private',
          error: {
            ...context,
            code: only.code ?? 'internal',
            message: only.message ?? only.code ?? 'failed',
          },
        };
      }
      return {
        ...base,
        type: 'error',
        visibility: 'private',
        error: {
          code: 'partial',
          message: `${failed.length} of ${run.items.length} failed: ${failed.map((i) => `${i.id} (${i.message ?? i.code})`).join('; ')}`,
          items: run.items,
        },
      };
    }
    return {
      ...base,
      type: 'result',
      result: run.result,
      summary: run.summary,
      view: spec.view(run.result),
      ...(run.requestId ? { requestId: run.requestId } : {}),
      ...(run.warnings?.length ? { warnings: run.warnings } : {}),
    };
  } catch (error) {
    return { ...base, type: 'error', visibility: 'private', error: toOutcomeError(error, options.log) };
  } finally {
    if (options.dryRun) await client?.close();
  }
}

/** Validation gives every account-taking command its account, and its client was built from it. */
function accountContext(
  ctx: RunContext,
  account: AccountRef | null,
  client: VendorClient | null,
): AccountRunContext {
  if (!account || !client) throw new Error('an account-taking command reached execution without its account');
  return { ...ctx, account, client };
}
