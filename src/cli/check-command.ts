/**
 * `roomops check [--json]`: validates the config and reaches every account.
 * Exit 0 all reachable, 1 any failed, 2 config invalid.
 */
import { loadConfig } from '../core/config/index.js';
import { toOutcomeError } from '../core/outcome-errors.js';
import { startSandboxEmulators, sandboxAccounts } from '../sandbox/sandbox-emulators.js';
import type { AccountConfig } from '../vendors/account.js';
import { createVendorClient } from '../vendors/create-client.js';
import type { ErrorLog } from '../core/error-id.js';
import type { OutcomeError } from '../core/outcome.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { SANDBOX_NOTICE } from '../runtime/sandbox-notice.js';
import type { RuntimeOptions } from '../app/compose.js';
import { printFailure } from './run-command.js';

interface AccountCheck {
  name: string;
  vendor: string;
  ok: boolean;
  latencyMs: number;
  /** The whole error, context included, as in `run --json`. */
  error?: OutcomeError;
}

export async function runCheck(cli: Omit<RuntimeOptions, 'observer'>, json: boolean): Promise<number> {
  let accounts: Record<string, AccountConfig>;
  let stop = async () => {};
  let sandbox = false;
  try {
    const loaded = await loadConfig({
      ...(cli.configPath ? { path: cli.configPath } : {}),
      env: cli.env,
    });
    if (loaded.source === 'file') accounts = loaded.config.accounts;
    else {
      sandbox = true;
      process.stderr.write(`${SANDBOX_NOTICE}\n`);
      const emulators = await startSandboxEmulators();
      stop = emulators.stop;
      accounts = sandboxAccounts(emulators.urls);
    }
  } catch (error) {
    return printFailure(error, { json }, 'check', cli.logger);
  }
  try {
    const results = await Promise.all(
      Object.entries(accounts).map(([name, account]) => checkAccount(name, account, cli.logger)),
    );
    const ok = results.every((r) => r.ok);
    if (json)
      process.stdout.write(
        `${JSON.stringify({ ok, action: 'check', accounts: results, ...(sandbox ? { sandbox: true } : {}) })}\n`,
      );
    else {
      for (const r of results) {
        process.stdout.write(
          `${r.ok ? '✔' : '✖'} ${r.name} (${r.vendor}) ${r.ok ? `reachable in ${r.latencyMs} ms` : `${r.error!.code}: ${terminalSafe(r.error!.message)}`}\n`,
        );
      }
    }
    return ok ? 0 : 1;
  } finally {
    await stop();
  }
}

async function checkAccount(name: string, account: AccountConfig, log: ErrorLog): Promise<AccountCheck> {
  const client = await createVendorClient(name, account);
  const started = performance.now();
  try {
    await client.ping();
    return { name, vendor: account.vendor, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      name,
      vendor: account.vendor,
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: toOutcomeError(error, log),
    };
  } finally {
    await client.close();
  }
}
