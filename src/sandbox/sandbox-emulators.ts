/**
 * The four vendor emulators together, as `npm start` with no config and
 * `roomops sandbox` run them, and the accounts that point at them.
 */
import { Document, isMap } from 'yaml';
import type { AccountConfig } from '../vendors/account.js';
import { createAgoraEmulator } from './agora/emulator.js';
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { createIflychatEmulator } from './iflychat/emulator.js';
import { createRongcloudEmulator } from './rongcloud/emulator.js';
import { createWatchersEmulator } from './watchers/emulator.js';

export interface SandboxEmulators {
  iflychat: ReturnType<typeof createIflychatEmulator>;
  rongcloud: ReturnType<typeof createRongcloudEmulator>;
  watchers: ReturnType<typeof createWatchersEmulator>;
  agora: ReturnType<typeof createAgoraEmulator>;
  urls: { iflychat: string; rongcloud: string; watchers: string; agora: string };
  stop(): Promise<void>;
}

/** Starts all four; with `basePort` on consecutive ports from it, else on random free ports. */
export async function startSandboxEmulators(basePort?: number): Promise<SandboxEmulators> {
  const emulators = {
    iflychat: createIflychatEmulator(),
    rongcloud: createRongcloudEmulator(),
    watchers: createWatchersEmulator(),
    agora: createAgoraEmulator(),
  };
  const order = ['iflychat', 'rongcloud', 'watchers', 'agora'] as const;
  const urls = { iflychat: '', rongcloud: '', watchers: '', agora: '' };
  const stopAll = async () => {
    await Promise.all(order.map((name) => emulators[name].stop()));
  };
  try {
    for (const [i, name] of order.entries())
      urls[name] = await emulators[name].start(basePort ? basePort + i : 0);
  } catch (error) {
    // Stopping one that never started does nothing.
    await stopAll();
    throw error;
  }
  return { ...emulators, urls, stop: stopAll };
}

/** The sandbox accounts `ifly`, `rong`, `watch`, `agora` for emulators at these URLs. */
export function sandboxAccounts(urls: SandboxEmulators['urls']): Record<string, AccountConfig> {
  const c = SANDBOX_CREDENTIALS;
  return {
    ifly: {
      vendor: 'iflychat',
      baseUrl: urls.iflychat,
      timeoutMs: 10_000,
      apiKey: c.iflychat.apiKey,
      announceAs: { id: 'roomops', name: 'RoomOps' },
    },
    rong: {
      vendor: 'rongcloud',
      baseUrl: urls.rongcloud,
      timeoutMs: 10_000,
      appKey: c.rongcloud.appKey,
      appSecret: c.rongcloud.appSecret,
    },
    watch: {
      vendor: 'watchers',
      baseUrl: urls.watchers,
      timeoutMs: 10_000,
      apiKey: c.watchers.apiKey,
      token: c.watchers.token,
      announceAs: { id: 'roomops', name: 'RoomOps' },
    },
    agora: {
      vendor: 'agora',
      baseUrl: urls.agora,
      timeoutMs: 10_000,
      orgName: c.agora.orgName,
      appName: c.agora.appName,
      appId: c.agora.appId,
      appCertificate: c.agora.appCertificate,
      defaultOwner: 'ops-bot',
    },
  };
}

/** A roomops.yml for these emulators (printed by `roomops sandbox`): the sandbox accounts, default timeouts. */
export function sandboxConfigYaml(urls: SandboxEmulators['urls']): string {
  const accounts = Object.fromEntries(
    Object.entries(sandboxAccounts(urls)).map(([name, { timeoutMs: _sandboxOnly, ...account }]) => [
      name,
      account,
    ]),
  );
  const doc = new Document({ accounts });
  // `announceAs: { id: roomops, name: RoomOps }` on one line, as people write it.
  for (const name of Object.keys(accounts)) {
    const announceAs = doc.getIn(['accounts', name, 'announceAs'], true);
    if (isMap(announceAs)) announceAs.flow = true;
  }
  return `# RoomOps sandbox: the four vendor emulators started by \`roomops sandbox\`.\n${doc.toString()}`;
}
