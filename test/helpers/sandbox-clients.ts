/**
 * For a test file of vendor clients: the four sandbox emulators on loopback
 * (started before its tests, faults cleared after each, stopped at the end)
 * and real clients of the sandbox accounts against them, closed at the end.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type SandboxEmulators,
  sandboxAccounts,
  startSandboxEmulators,
} from '../../src/sandbox/sandbox-emulators.js';
import type { AccountConfig } from '../../src/vendors/account.js';
import { createVendorClient } from '../../src/vendors/create-client.js';
import type { VendorClient } from '../../src/vendors/types.js';

export type SandboxAccountName = 'ifly' | 'rong' | 'watch' | 'agora';

export interface SandboxClients {
  /** The running emulators (only inside tests and hooks). */
  readonly emulators: SandboxEmulators;
  /** A new client of a sandbox account. */
  client(name: SandboxAccountName): Promise<VendorClient>;
}

export function useSandboxClients(): SandboxClients {
  let emulators: SandboxEmulators | undefined;
  let accounts: Record<string, AccountConfig> = {};
  const opened: VendorClient[] = [];
  const running = (): SandboxEmulators => {
    if (!emulators) throw new Error('the sandbox emulators start in beforeAll: use them inside tests');
    return emulators;
  };

  beforeAll(async () => {
    emulators = await startSandboxEmulators();
    accounts = sandboxAccounts(emulators.urls);
  });
  afterEach(() => {
    const e = running();
    for (const emulator of [e.iflychat, e.rongcloud, e.watchers, e.agora]) emulator.server.clearFaults();
  });
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await emulators?.stop();
  });

  return {
    get emulators() {
      return running();
    },
    async client(name) {
      const made = await createVendorClient(name, accounts[name]!);
      opened.push(made);
      return made;
    },
  };
}
