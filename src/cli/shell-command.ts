import { openRuntime, type RuntimeOptions } from '../app/compose.js';
import { SANDBOX_NOTICE } from '../runtime/sandbox-notice.js';
import { startSandboxRuntime } from '../app/sandbox-runtime.js';
import type { Runtime } from '../runtime/types.js';
import { runShell } from '../platforms/shell/shell.js';
import { SHELL_PLACE, shellPrincipal } from './principal.js';
import { printFailure } from './run-command.js';

const SANDBOX_BANNER = `RoomOps sandbox — nothing here touches a real vendor.
Four emulated vendors with sample rooms: accounts ifly (iFlyChat), rong (RongCloud), watch (Watchers.io), agora (Agora Chat).
Try: help · accounts · list agora · create rong demo-1 · delete rong demo-1 · list ifly --dry-run
To use real accounts, write roomops.yml (see README "Configuring real accounts") or pass --config FILE.
Type exit or press Ctrl-D to leave.`;

export async function runShellCommand(cli: RuntimeOptions, forceSandbox: boolean): Promise<number> {
  let runtime;
  try {
    runtime = forceSandbox ? await startSandboxRuntime({ logger: cli.logger }) : await openRuntime(cli);
  } catch (error) {
    return printFailure(error, {}, 'shell', cli.logger);
  }
  // Jobs created here (bulk, scheduled) run in this process while the shell is open.
  runtime.jobRunner.start();
  try {
    const banner =
      runtime.mode === 'sandbox'
        ? SANDBOX_BANNER
        : `RoomOps shell — accounts: ${runtime.engine
            .accountNames()
            .map((a) => a.name)
            .join(', ')}. Type help.`;
    const principal = shellPrincipal();
    const status = await runShell({
      engine: runtime.engine,
      principal,
      place: SHELL_PLACE,
      banner,
      ...(runtime.mode === 'sandbox' ? { pipedNotice: SANDBOX_NOTICE } : {}),
    });
    // Piped input ends at once: let the jobs it started (due now) finish before the process exits.
    if (!process.stdin.isTTY) await jobsDone(runtime, principal.id);
    return status;
  } finally {
    await runtime.close();
  }
}

/** Waits (at most 5 minutes) until no job of `requester` is running or due. */
async function jobsDone(runtime: Runtime, requester: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  runtime.jobRunner.poke();
  while (Date.now() < deadline) {
    const now = Date.now();
    // One read: a job moving from scheduled to running between two reads would be missed by both.
    const open = (await runtime.store.jobs.list({ limit: 200 })).filter(
      (j) =>
        j.requester === requester &&
        (j.state === 'running' || (j.state === 'scheduled' && j.runAt.getTime() <= now)),
    );
    if (open.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
