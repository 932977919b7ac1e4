/**
 * Whether an invocation becomes a job, and in which form: a selector (bulk,
 * one item per selected room), a schedule (`at=`/`in=`, one item for the
 * whole invocation unless it also has a selector), or both.
 */
import type { AccountRef, CommandSpec } from '../command-spec.js';
import { RoomOpsError } from '../errors.js';
import type { RawInvocation } from '../types.js';
import { DURATION_EXPECTED, parseDuration } from './duration.js';
import { type BulkParts, bulkParts, withRoom } from './bulk-invocation.js';
import { hasSchedule, splitSchedule, withFixedSchedule } from './schedule.js';
import type { GraceMutes } from './grace-mutes.js';
import { hasSelector } from './selector.js';

/** What a job stores to run its items: the template, and whether each item adds its room. */
export interface JobInvocation {
  raw: RawInvocation;
  perRoom: boolean;
  /** A delete with a grace period: what it did to each room's mute, so an undo restores each room. */
  grace?: GraceMutes;
}

export interface JobRequest {
  runAt?: Date;
  /** Which of `at=` / `in=` was given, to name it in errors. */
  scheduleField?: 'at' | 'in';
  /** A delete deferred by `grace=` or the account's `deleteGraceMinutes`: mute now, delete at `runAt`. */
  graceMs?: number;
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
  const usage = commands.find((c) => c.name === raw.action)?.usage ?? raw.action;
  const grace = deleteGrace(raw, accounts, usage);
  if (!hasSchedule(raw) && !hasSelector(raw) && grace === undefined) return undefined;
  // A confirmed prompt comes back with its grace and its fixed time both (`kept` below).
  const fixedGrace = options.allowPast === true && 'grace' in raw.options && hasSchedule(raw);
  if (grace !== undefined && hasSchedule(raw) && 'grace' in raw.options && !fixedGrace) {
    throw new RoomOpsError('invalid_input', 'grace: give grace= or at=/in=, not both', {
      field: 'grace',
      usage,
    });
  }
  const graced = grace !== undefined && (!hasSchedule(raw) || fixedGrace) ? grace : undefined;
  const scheduled = !hasSchedule(raw) && grace ? graceAsSchedule(raw, grace.ms) : (grace?.rest ?? raw);
  const schedule = hasSchedule(scheduled) ? splitSchedule(scheduled, now, usage, options) : undefined;
  const base = schedule?.rest ?? grace?.rest ?? raw;
  const bulk = hasSelector(base) ? bulkParts(base, commands, accounts) : undefined;
  // The grace travels with the fixed time, so approving the prompt mutes and offers undo.
  const keptBase = graced
    ? { ...base, options: { ...base.options, grace: `${Math.ceil(graced.ms / 1000)}s` } }
    : base;
  return {
    ...(schedule ? { runAt: schedule.runAt, scheduleField: 'in' in raw.options ? 'in' : 'at' } : {}),
    ...(graced ? { graceMs: graced.ms } : {}),
    ...(bulk ? { bulk } : {}),
    forValidation: bulk?.forValidation ?? base,
    kept: schedule ? withFixedSchedule(keptBase, schedule.runAt) : raw,
    jobInvocation: {
      raw: bulk?.template ?? base,
      perRoom: bulk !== undefined,
      ...(graced ? { grace: { muted: [] } } : {}),
    },
  };
}

/**
 * `delete … grace=<duration>`, else the account's `deleteGraceMinutes`:
 * the grace in ms (undefined: none, `grace=0` included) and the invocation
 * without `grace=`.
 */
function deleteGrace(
  raw: RawInvocation,
  accounts: ReadonlyMap<string, AccountRef>,
  usage: string,
): { ms: number; rest: RawInvocation } | undefined {
  const { grace, ...options } = raw.options;
  if (grace !== undefined && raw.action !== 'delete') {
    throw new RoomOpsError('invalid_input', 'grace: only delete takes a grace period', {
      field: 'grace',
      usage,
    });
  }
  if (raw.action !== 'delete') return undefined;
  let ms: number | undefined;
  if (grace !== undefined) {
    ms = grace.trim() === '0' ? 0 : parseDuration(grace);
    if (ms === undefined) {
      throw new RoomOpsError('invalid_input', `grace: ${DURATION_EXPECTED}, or 0 to delete at once`, {
        field: 'grace',
        usage,
      });
    }
  } else {
    const minutes = accounts.get(raw.positionals[0] ?? '')?.config.deleteGraceMinutes ?? 0;
    ms = minutes * 60_000;
  }
  // 0 deletes at once: the delete command accepts (and ignores) `grace=0`.
  return ms === 0 ? undefined : { ms, rest: { ...raw, options } };
}

/** A grace period is a schedule: `in=` that many seconds. */
function graceAsSchedule(raw: RawInvocation, ms: number): RawInvocation {
  const { grace: _grace, ...options } = raw.options;
  return { ...raw, options: { ...options, in: `${Math.ceil(ms / 1000)}s` } };
}

/** The invocation one item runs: with its room for bulk work, else the whole invocation. */
export function itemInvocation(job: JobInvocation, room: string): RawInvocation {
  return job.perRoom ? withRoom(job.raw, room) : job.raw;
}
