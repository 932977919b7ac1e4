/**
 * Whether an invocation becomes a job, and in which form: a selector (bulk,
 * one item per selected room), a schedule (`at=`/`in=`, one item for the
 * whole invocation unless it also has a selector), or both.
 */
import type { AccountRef, CommandSpec } from '../command-spec.js';
import type { RawInvocation } from '../types.js';
import { type BulkParts, bulkParts, withRoom } from './bulk-invocation.js';
import { hasSchedule, splitSchedule, withFixedSchedule } from './schedule.js';
import { hasSelector } from './selector.js';

/** What a job stores to run its items: the template, and whether each item adds its room. */
export interface JobInvocation {
  raw: RawInvocation;
  perRoom: boolean;
}

export interface JobRequest {
  runAt?: Date;
  /** Which of `at=` / `in=` was given, to name it in errors. */
  scheduleField?: 'at' | 'in';
  bulk?: BulkParts;
  /** What to validate and authorize (a stand-in room for a selector; no `at=`/`in=`). */
  forValidation: RawInvocation;
  /** The invocation to keep (audit, a pending action): the schedule fixed as an absolute `at=`. */
  kept: RawInvocation;
  /** What the job stores. */
  jobInvocation: JobInvocation;
}

export function jobRequest(
  raw: RawInvocation,
  commands: readonly CommandSpec[],
  accounts: ReadonlyMap<string, AccountRef>,
  now: Date,
  options: { allowPast?: boolean } = {},
): JobRequest | undefined {
  if (!hasSchedule(raw) && !hasSelector(raw)) return undefined;
  const usage = commands.find((c) => c.name === raw.action)?.usage ?? raw.action;
  const schedule = hasSchedule(raw) ? splitSchedule(raw, now, usage, options) : undefined;
  const base = schedule?.rest ?? raw;
  const bulk = hasSelector(base) ? bulkParts(base, commands, accounts) : undefined;
  return {
    ...(schedule ? { runAt: schedule.runAt, scheduleField: 'in' in raw.options ? 'in' : 'at' } : {}),
    ...(bulk ? { bulk } : {}),
    forValidation: bulk?.forValidation ?? base,
    kept: schedule ? withFixedSchedule(base, schedule.runAt) : raw,
    jobInvocation: { raw: bulk?.template ?? base, perRoom: bulk !== undefined },
  };
}

/** The invocation one item runs: with its room for bulk work, else the whole invocation. */
export function itemInvocation(job: JobInvocation, room: string): RawInvocation {
  return job.perRoom ? withRoom(job.raw, room) : job.raw;
}
