import { openRuntime, type RuntimeOptions } from '../app/compose.js';
import { SANDBOX_NOTICE } from '../runtime/sandbox-notice.js';
import { startSandboxRuntime } from '../runtime/sandbox-runtime.js';
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
  try {
    const banner =
      runtime.mode === 'sandbox'
        ? SANDBOX_BANNER
        : `RoomOps shell — accounts: ${runtime.engine
            .accountNames()
            .map((a) => a.name)
            .join(', ')}. Type help.`;
    return await runShell({
      engine: runtime.engine,
      principal: shellPrincipal(),
      place: SHELL_PLACE,
      banner,
      ...(runtime.mode === 'sandbox' ? { pipedNotice: SANDBOX_NOTICE } : {}),
    });
  } finally {
    await runtime.close();
  }
}
