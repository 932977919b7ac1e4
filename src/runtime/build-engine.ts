/**
 * Wires the core together for a set of accounts: client pool, access policy,
 * store, engine. Shared by config mode and sandbox mode.
 */
import { COMMANDS } from '../../commands/index.js';
import { accessPolicy } from '../core/access-policy.js';
import { ClientPool } from '../core/client-pool.js';
import type { AccessConfig } from '../core/config/index.js';
import { Engine } from '../core/engine.js';
import { DEFAULT_SCHEDULE_GRACE_MINUTES } from '../core/config/schema.js';
import { JobRunner } from '../core/jobs/job-runner.js';
import type { Logger } from '../core/logger.js';
import { observeEngine } from '../core/observed-engine.js';
import type { Observer } from '../core/observer.js';
import type { Store } from '../store/types.js';
import type { AccountConfig } from '../vendors/account.js';

export interface EngineParts {
  engine: Engine;
  clients: ClientPool;
  /** Not started: serving processes, `roomops worker` and a waiting `run` start it. */
  jobRunner: JobRunner;
}

export function buildEngine(options: {
  accounts: Readonly<Record<string, AccountConfig>>;
  access: AccessConfig | undefined;
  store: Store;
  logger: Logger;
  confirmTimeoutMinutes: number;
  scheduleGraceMinutes?: number;
  /** Job runner timing (tests shorten it). */
  jobPollMs?: number;
  jobLeaseMs?: number;
  now?: () => Date;
  /** Reports commands, decisions and vendor calls for `/metrics` (serving only). */
  observer?: Observer;
}): EngineParts {
  const clients = new ClientPool(options.accounts, options.observer);
  const core = new Engine({
    commands: COMMANDS,
    clients,
    store: options.store,
    access: accessPolicy(options.access),
    logger: options.logger,
    confirmTimeoutMs: options.confirmTimeoutMinutes * 60_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const engine = options.observer ? observeEngine(core, options.observer) : core;
  const jobRunner = new JobRunner({
    ...core.jobHooks(),
    store: options.store,
    logger: options.logger,
    missedAfterMs: (options.scheduleGraceMinutes ?? DEFAULT_SCHEDULE_GRACE_MINUTES) * 60_000,
    ...(options.jobPollMs !== undefined ? { pollMs: options.jobPollMs } : {}),
    ...(options.jobLeaseMs !== undefined ? { leaseMs: options.jobLeaseMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { engine, clients, jobRunner };
}
