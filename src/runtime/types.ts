/**
 * A running RoomOps core: config, store, vendor clients and the engine,
 * ready for front ends. `openRuntime` (src/app/compose.ts) builds one from a
 * config file or, with none, from the built-in sandbox
 * (src/runtime/sandbox-runtime.ts starts the four emulators in-process).
 */
import type { EngineApi } from '../core/engine-api.js';
import type { Store } from '../store/types.js';
import type { Logger } from '../core/logger.js';
import type { JobRunner } from '../core/jobs/job-runner.js';

export interface Runtime {
  engine: EngineApi;
  store: Store;
  logger: Logger;
  /** 'sandbox' when no config file was found and the emulators run in-process. */
  mode: 'config' | 'sandbox';
  /** Warnings to print at start (e.g. no access: section). */
  warnings: string[];
  /**
   * Runs durable jobs; started by serve, `roomops worker` and a waiting `run`. Stopped (items in
   * flight finished, leases released so another process resumes) first thing in a drain, and by close.
   */
  jobRunner: JobRunner;
  close(): Promise<void>;
}

/** A platform front end the server process runs (Slack, Discord). */
export interface PlatformAdapter {
  readonly name: 'slack' | 'discord';
  start(): Promise<void>;
  /** Stops taking new work, finishes what is in flight, disconnects. */
  stop(): Promise<void>;
  /** For /healthz. */
  status(): { connected: boolean; detail?: string };
  /** Replaces an expired confirmation prompt of this platform with an "expired" notice. */
  showExpired(pending: import('../store/types.js').PendingAction): Promise<void>;
}
