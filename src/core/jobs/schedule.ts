/**
 * Scheduled commands (DESIGN.md "Scheduled"): `at=<ISO 8601 | HH:MM UTC>` or
 * `in=<duration>` on any mutating invocation. They are taken out of the
 * invocation and turned into one absolute time, fixed when the command is
 * given (an approval a minute later does not move it).
 */
import { RoomOpsError } from '../errors.js';
import { parseIsoTime } from '../parse/values.js';
import type { RawInvocation } from '../types.js';
import { DURATION_EXPECTED, parseDuration } from './duration.js';

export const SCHEDULE_KEYS = ['at', 'in'] as const;
const AT_EXPECTED = 'expected an ISO 8601 time with a zone (2030-06-01T18:00:00Z) or HH:MM in UTC (18:00)';
/** A schedule further out than this is almost certainly a typo. */
const MAX_AHEAD_MS = 366 * 86_400_000;

export function hasSchedule(raw: RawInvocation): boolean {
  return SCHEDULE_KEYS.some((key) => key in raw.options);
}

/** The time the invocation is scheduled for, and the invocation without `at=`/`in=`. */
export function splitSchedule(
  raw: RawInvocation,
  now: Date,
  usage: string,
  options: { allowPast?: boolean } = {},
): { runAt: Date; rest: RawInvocation } {
  const allowPast = options.allowPast === true;
  const keys = { ...raw.options };
  const fail = (field: string, message: string) =>
    new RoomOpsError('invalid_input', `${field}: ${message}`, { field, usage });
  if (keys.at !== undefined && keys.in !== undefined) {
    throw fail('at', 'give at= or in=, not both');
  }
  let runAt: Date;
  if (keys.in !== undefined) {
    const ms = parseDuration(keys.in);
    if (ms === undefined) throw fail('in', DURATION_EXPECTED);
    runAt = new Date(now.getTime() + ms);
  } else {
    const at = parseAt(keys.at ?? '', now);
    if (at === undefined) throw fail('at', AT_EXPECTED);
    // A confirmed schedule whose time passed while it waited for approval runs at once.
    if (at.getTime() <= now.getTime() && !allowPast)
      throw fail('at', `${at.toISOString()} has passed; give a time in the future`);
    runAt = at;
  }
  if (runAt.getTime() - now.getTime() > MAX_AHEAD_MS) {
    throw fail(keys.in !== undefined ? 'in' : 'at', 'at most a year ahead');
  }
  for (const key of SCHEDULE_KEYS) delete keys[key];
  return { runAt, rest: { ...raw, options: keys } };
}

/** The invocation with its schedule fixed as an absolute `at=` (what a confirmation stores). */
export function withFixedSchedule(rest: RawInvocation, runAt: Date): RawInvocation {
  return { ...rest, options: { ...rest.options, at: runAt.toISOString() } };
}

/** `HH:MM` is the next such time in UTC (today or tomorrow); anything else ISO 8601 with a zone. */
function parseAt(raw: string, now: Date): Date | undefined {
  const text = raw.trim();
  const clock = /^([01]\d|2[0-3]):([0-5]\d)(?:\s*UTC)?$/i.exec(text);
  if (clock) {
    const at = new Date(now);
    at.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
    return at;
  }
  return parseIsoTime(text);
}

/** `2030-06-01 18:00 UTC` for messages (seconds only when they are not zero). */
export function formatUtc(date: Date): string {
  const iso = date.toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}
