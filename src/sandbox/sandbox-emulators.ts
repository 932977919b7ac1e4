/**
 * The four vendor emulators together, as `npm start` with no config and
 * `roomops sandbox` run them, and the accounts that point at them.
 */
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
  const iflychat = createIflychatEmulator();
  const rongcloud = createRongcloudEmulator();
  const watchers = createWatchersEmulator();
  const agora = createAgoraEmulator();
  const port = (i: number) => (basePort ? basePort + i : 0);
  const started: { stop(): Promise<void> }[] = [];
  try {
    const urls = {
      iflychat: await iflychat.start(port(0)).then((u) => (started.push(iflychat), u)),
      rongcloud: await rongcloud.start(port(1)).then((u) => (started.push(rongcloud), u)),
      watchers: await watchers.start(port(2)).then((u) => (started.push(watchers), u)),
      agora: await agora.start(port(3)).then((u) => (started.push(agora), u)),
    };
    return {
      iflychat,
      rongcloud,
      watchers,
      agora,
      urls,
      stop: async () => {
        await Promise.all([iflychat.stop(), rongcloud.stop(), watchers.stop(), agora.stop()]);
      },
    };
  } catch (error) {
    await Promise.all(started.map((e) => e.stop()));
    throw error;
  }
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

/** A roomops.yml for these emulators (printed by `roomops sandbox`). */
export function sandboxConfigYaml(urls: SandboxEmulators['urls']): string {
  const c = SANDBOX_CREDENTIALS;
  return `# RoomOps sandbox: the four vendor emulators started by \`roomops sandbox\`.
accounts:
  ifly:
    vendor: iflychat
    baseUrl: ${urls.iflychat}
    apiKey: ${c.iflychat.apiKey}
    announceAs: { id: roomops, name: RoomOps }
  rong:
    vendor: rongcloud
    baseUrl: ${urls.rongcloud}
    appKey: ${c.rongcloud.appKey}
    appSecret: ${c.rongcloud.appSecret}
  watch:
    vendor: watchers
    baseUrl: ${urls.watchers}
    apiKey: ${c.watchers.apiKey}
    token: ${c.watchers.token}
    announceAs: { id: roomops, name: RoomOps }
  agora:
    vendor: agora
    baseUrl: ${urls.agora}
    orgName: ${c.agora.orgName}
    appName: ${c.agora.appName}
    appId: ${c.agora.appId}
    appCertificate: ${c.agora.appCertificate}
    defaultOwner: ops-bot
`;
}
