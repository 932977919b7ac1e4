/**
 * Durable jobs as the store keeps them (DESIGN.md "Durable jobs"). The
 * runner (src/core/jobs/) decides what an item does; the store guarantees
 * that only the process holding a job's lease can start or finish its items.
 */
import type { Kind, PlatformName } from '../shared/vocabulary.js';
import type { PromptRef } from './types.js';

export const JOB_STATES = ['scheduled', 'running', 'done', 'failed', 'cancelled', 'missed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled', 'missed'];

export type JobItemState = 'pending' | 'running' | 'done' | 'failed';

export interface JobItemError {
  code: string;
  message: string;
}

export interface JobItem {
  seq: number;
  /** The room this item acts on. */
  room: string;
  state: JobItemState;
  error?: JobItemError;
  /** How many times a process started it (more than 1: it was resumed after a crash). */
  attempts: number;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface Job {
  id: string;
  state: JobState;
  createdAt: Date;
  /** When it may start (creation time for bulk work, later for scheduled work). */
  runAt: Date;
  account: string;
  action: string;
  kind: Kind;
  requester: string;
  requesterName?: string;
  /** Whoever confirmed it; the job runs as this principal. */
  approver: string;
  approverName?: string;
  platform: PlatformName;
  channel?: string;
  guild?: string;
  /** The invocation to run per room (the room positional is filled in per item). */
  invocation: unknown;
  description: string;
  total: number;
  done: number;
  failed: number;
  cancelRequested: boolean;
  leaseOwner?: string;
  leaseUntil?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  prompt?: PromptRef;
}

export type NewJob = Pick<
  Job,
  | 'id'
  | 'createdAt'
  | 'runAt'
  | 'account'
  | 'action'
  | 'kind'
  | 'requester'
  | 'requesterName'
  | 'approver'
  | 'approverName'
  | 'platform'
  | 'channel'
  | 'guild'
  | 'invocation'
  | 'description'
  | 'prompt'
> & { rooms: readonly string[] };

export interface JobFilter {
  account?: string;
  state?: JobState;
  /** Newest first; default 20, at most 200. */
  limit?: number;
}

/** What `startItem` found: the item, and whether a previous owner had already started it. */
export type StartedItem = { item: JobItem; resumed: boolean };

export interface JobStore {
  /** The job and all its items, in one transaction. */
  create(job: NewJob): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  /** Items in order; `fromSeq`/`limit` page through large jobs. */
  items(id: string, options?: { fromSeq?: number; limit?: number; state?: JobItemState }): Promise<JobItem[]>;
  list(filter: JobFilter): Promise<Job[]>;
  /**
   * Leases one job that is due (scheduled and `runAt` ≤ now) or whose lease
   * ran out (its process died), to `owner` until now + leaseMs. PostgreSQL
   * skips rows another transaction is claiming (`FOR UPDATE SKIP LOCKED`);
   * SQLite takes the write lock. Jobs due more than `missedAfterMs` ago and
   * never started are marked `missed` instead and returned in `missed`.
   */
  claim(
    owner: string,
    now: Date,
    leaseMs: number,
    missedAfterMs: number,
  ): Promise<{ job?: Job; missed: Job[] }>;
  /** Extends the lease; false when `owner` no longer holds it (another process took over). */
  renew(id: string, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives the lease up so another process may resume at once (shutdown). */
  release(id: string, owner: string): Promise<void>;
  /**
   * Marks the first unfinished item after `afterSeq` (default: from the
   * start) running, only while `owner` holds the
   * lease. `resumed` is true when the item was already running: a previous
   * owner died in the middle of it, so the vendor may already have acted.
   * Otherwise why not: no item left, the lease lost, or a cancel asked for
   * (checked here so a cancel stops the job before its next item).
   */
  startItem(
    id: string,
    owner: string,
    afterSeq?: number,
  ): Promise<StartedItem | 'none_left' | 'lease_lost' | 'cancel_requested'>;
  /** Records an item's outcome and the job's counters, only while `owner` holds the lease. */
  finishItem(
    id: string,
    owner: string,
    seq: number,
    outcome: { ok: true } | { ok: false; error: JobItemError },
    at: Date,
  ): Promise<boolean>;
  /** Ends a running job held by `owner` (done, failed or cancelled). */
  finish(
    id: string,
    owner: string,
    state: 'done' | 'failed' | 'cancelled',
    at: Date,
  ): Promise<Job | undefined>;
  /**
   * Cancels a job: a scheduled one at once, a running one before its next
   * item (`cancelRequested`). Returns the job as it now stands, or undefined
   * when there is no such job.
   */
  cancel(id: string, at: Date): Promise<Job | undefined>;
  attachPrompt(id: string, prompt: PromptRef): Promise<void>;
  /**
   * Replaces what the job stores to run, while it is still scheduled: a
   * delete with a grace period records which rooms it muted once the vendor
   * has answered. False when the job has started or ended meanwhile.
   */
  setInvocation(id: string, invocation: unknown): Promise<boolean>;
  /** For metrics (`roomops_jobs{state}`): how many jobs are in each state. */
  countJobsByState(): Promise<Record<JobState, number>>;
}
