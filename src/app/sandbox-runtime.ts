/**
 * The built-in sandbox: the four vendor emulators in-process, the accounts
 * `ifly`, `rong`, `watch`, `agora` pointing at them, and the real engine.
 * Serves `npm start` with nothing configured, and the test suites.
 */
import { accessSchema } from '../core/config/index.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Observer } from '../core/observer.js';
import {
  type SandboxEmulators,
  sandboxAccounts,
  startSandboxEmulators,
} from '../sandbox/sandbox-emulators.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { wireEngine } from './compose.js';
import { SANDBOX_NOTICE } from '../runtime/sandbox-notice.js';
import { type SandboxStoreFile, sandboxStoreFile } from '../runtime/sandbox-store-file.js';
import type { Runtime } from '../runtime/types.js';

export interface SandboxRuntimeOptions {
  /** The raw `access:` section, as in DESIGN.md; absent = chat users may only read. */
  access?: unknown;
  /** A store URL for tests; default a temporary SQLite file removed at close (never the configured store). */
  storeUrl?: string;
  /** storage.timeoutMs: how long a store call may wait (default 5000). */
  storeTimeoutMs?: number;
  confirmTimeoutMinutes?: number;
  /** More rooms than this in a bulk plan ask for the account name to be typed (default 10). */
  bulkTypeToConfirm?: number;
  logger?: Logger;
  /** Start the emulators on consecutive ports from here (default: random). */
  basePort?: number;
  /** How often the job runner looks for work when idle. */
  jobPollMs?: number;
  now?: () => Date;
  /** Reports commands, decisions and vendor calls for `/metrics` (serving only). */
  observer?: Observer;
}

export type SandboxRuntime = Runtime & { emulators: SandboxEmulators };

export async function startSandboxRuntime(options: SandboxRuntimeOptions = {}): Promise<SandboxRuntime> {
  const logger = options.logger ?? createLogger('warn');
  const access = options.access === undefined ? undefined : accessSchema.parse(options.access);
  const emulators = await startSandboxEmulators(options.basePort);
  let tempFile: SandboxStoreFile | undefined;
  let store: Store | undefined;
  try {
    tempFile = options.storeUrl === undefined ? sandboxStoreFile() : undefined;
    store = await openStore(options.storeUrl ?? tempFile!.url, {
      logger,
      ...(options.storeTimeoutMs !== undefined ? { timeoutMs: options.storeTimeoutMs } : {}),
    });
    const accounts = sandboxAccounts(emulators.urls);
    const { engine, clients, jobRunner } = wireEngine({
      accounts,
      access,
      store,
      logger,
      confirmTimeoutMinutes: options.confirmTimeoutMinutes ?? 5,
      ...(options.bulkTypeToConfirm !== undefined ? { bulkTypeToConfirm: options.bulkTypeToConfirm } : {}),
      ...(options.jobPollMs !== undefined ? { jobPollMs: options.jobPollMs } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.observer ? { observer: options.observer } : {}),
    });
    await seedInventory(store, emulators);
    const openedStore = store;
    return {
      engine,
      store: openedStore,
      logger,
      mode: 'sandbox',
      emulators,
      warnings: [
        SANDBOX_NOTICE,
        ...(access ? [] : ['Sandbox: no access: section, so Slack and Discord users may only read.']),
      ],
      jobRunner,
      close: async () => {
        try {
          await jobRunner.stop();
          await clients.close();
          await openedStore.close();
          await emulators.stop();
        } finally {
          tempFile?.remove();
        }
      },
    };
  } catch (error) {
    await store?.close();
    await emulators.stop();
    tempFile?.remove();
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
