/**
 * The built-in sandbox: the four vendor emulators in-process, the accounts
 * `ifly`, `rong`, `watch`, `agora` pointing at them, and the real engine.
 * Serves `npm start` with nothing configured, and the test suites.
 */
import { accessSchema } from '../core/config/index.js';
import { createLogger, type Logger } from '../core/logger.js';
import {
  type SandboxEmulators,
  sandboxAccounts,
  startSandboxEmulators,
} from '../sandbox/sandbox-emulators.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { buildEngine } from './build-engine.js';
import type { Runtime } from './types.js';

export interface SandboxRuntimeOptions {
  /** The raw `access:` section, as in DESIGN.md; absent = chat users may only read. */
  access?: unknown;
  /** Default `sqlite::memory:`. */
  storeUrl?: string;
  confirmTimeoutMinutes?: number;
  logger?: Logger;
  /** Start the emulators on consecutive ports from here (default: random). */
  basePort?: number;
  /** How often the job runner looks for work when idle. */
  jobPollMs?: number;
  now?: () => Date;
}

export type SandboxRuntime = Runtime & { emulators: SandboxEmulators };

export async function startSandboxRuntime(options: SandboxRuntimeOptions = {}): Promise<SandboxRuntime> {
  const logger = options.logger ?? createLogger('warn');
  const access = options.access === undefined ? undefined : accessSchema.parse(options.access);
  const emulators = await startSandboxEmulators(options.basePort);
  let store: Store | undefined;
  try {
    store = await openStore(options.storeUrl ?? 'sqlite::memory:', { logger });
    const accounts = sandboxAccounts(emulators.urls);
    const { engine, clients, jobRunner } = buildEngine({
      accounts,
      access,
      store,
      logger,
      confirmTimeoutMinutes: options.confirmTimeoutMinutes ?? 5,
      ...(options.jobPollMs !== undefined ? { jobPollMs: options.jobPollMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    await seedInventory(store, emulators);
    const openedStore = store;
    return {
      engine,
      store: openedStore,
      logger,
      mode: 'sandbox',
      emulators,
      warnings: access ? [] : ['Sandbox: no access: section, so Slack and Discord users may only read.'],
      jobRunner,
      close: async () => {
        await jobRunner.stop();
        await clients.close();
        await openedStore.close();
        await emulators.stop();
      },
    };
  } catch (error) {
    await store?.close();
    await emulators.stop();
    throw error;
  }
}

/**
 * RongCloud has no room list: RoomOps lists the rooms it knows. The sandbox's
 * seeded rooms are recorded so `list rong` shows them from the first start.
 */
async function seedInventory(store: Store, emulators: SandboxEmulators): Promise<void> {
  const now = new Date();
  for (const id of emulators.rongcloud.rooms.keys()) {
    await store.inventory.upsert(
      { account: 'rong', vendor: 'rongcloud', roomId: id, data: { id }, createdBy: 'sandbox' },
      now,
    );
  }
}
