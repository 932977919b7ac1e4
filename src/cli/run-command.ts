/**
 * `roomops run "<command text>" [--json] [--yes] [--dry-run]`: one command,
 * then exit 0 done, 1 vendor or operation failed, 2 bad command, input or
 * config, 3 denied, cancelled or not confirmed.
 */
import type { ErrorLog } from '../core/error-id.js';
import { exitStatusFor, RoomOpsError } from '../core/errors.js';
import type { Outcome } from '../core/outcome.js';
import { toOutcomeError } from '../core/outcome-errors.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { renderText, useColour } from '../render/text.js';
import { toView } from '../render/to-view.js';
import { openRuntime, type RuntimeOptions } from '../app/compose.js';
import { SANDBOX_NOTICE } from '../runtime/sandbox-notice.js';
import { outcomeJson } from './json-output.js';
import { SHELL_PLACE, shellPrincipal } from './principal.js';

export interface RunOptions {
  json?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  /** A job (bulk, scheduled) is created and its id printed; the command does not wait for it. */
  noWait?: boolean;
}

export async function runCommand(text: string, options: RunOptions, cli: RuntimeOptions): Promise<number> {
  let runtime;
  try {
    runtime = await openRuntime(cli);
  } catch (error) {
    return printFailure(error, options, 'run', cli.logger);
  }
  try {
    const request = {
      principal: shellPrincipal(),
      place: SHELL_PLACE,
      text: options.dryRun ? `${text} --dry-run` : text,
    };
    // A script must be able to tell it was answered by the sandbox, not a real vendor.
    const sandbox = runtime.mode === 'sandbox';
    if (sandbox) process.stderr.write(`${SANDBOX_NOTICE}\n`);
    // Destructive commands run only with --yes; without it the engine answers not_confirmed (exit 3).
    let outcome = await runtime.engine.handle({ ...request, preconfirmed: options.yes === true });
    const jobId = createdJobId(outcome);
    if (jobId !== undefined && outcome.type === 'result') {
      if (options.noWait) {
        if (!options.json) {
          process.stdout.write(`${jobId}\n`);
          return 0;
        }
        return print(outcome, { ...options, sandbox });
      }
      const { waitForJob } = await import('./wait-for-job.js');
      outcome = await waitForJob(runtime, outcome, jobId);
    }
    return print(outcome, { ...options, sandbox });
  } finally {
    await runtime.close();
  }
}

/** The job a bulk or scheduled command just created (`jobs` shows existing ones: nothing to wait for). */
function createdJobId(outcome: Outcome): string | undefined {
  if (outcome.type !== 'result' || outcome.action === 'jobs') return undefined;
  const job = outcome.result.job as { id?: unknown } | null | undefined;
  return typeof job?.id === 'string' ? job.id : undefined;
}

export function print(outcome: Outcome, options: { json?: boolean; sandbox?: boolean }): number {
  const { json, exitCode } = outcomeJson(outcome);
  if (options.json)
    process.stdout.write(`${JSON.stringify(options.sandbox ? { ...json, sandbox: true } : json)}\n`);
  else {
    const stream = exitCode === 0 ? process.stdout : process.stderr;
    stream.write(`${renderText(toView(outcome), { colour: useColour(stream) })}\n`);
  }
  return exitCode;
}

export function printFailure(
  error: unknown,
  options: { json?: boolean },
  action: string,
  log: ErrorLog,
): number {
  const e = toOutcomeError(
    error instanceof RoomOpsError || error instanceof Error ? error : new Error(String(error)),
    log,
  );
  if (options.json)
    process.stdout.write(`${JSON.stringify({ ok: false, action, account: null, vendor: null, error: e })}\n`);
  else process.stderr.write(`✖ ${terminalSafe(e.message)}\n`);
  return exitStatusFor(e.code);
}
