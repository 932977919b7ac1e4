/**
 * Zod helpers that turn the strings of a RawInvocation into typed values for
 * the command schemas (DESIGN.md "Command surface": booleans, comma-separated
 * lists, ISO 8601 times, bounded whole numbers). Each failure message says
 * what is expected, with an example; none echoes the input.
 */
import { z } from 'zod';

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];
export const BOOLEAN_EXPECTED = 'expected one of true, false, yes, no, on, off, 1, 0';

/** `true/false/yes/no/on/off/1/0`, any case → boolean. */
export const booleanValue = z.string().transform((raw, ctx): boolean => {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  ctx.addIssue({ code: 'custom', message: BOOLEAN_EXPECTED });
  return z.NEVER;
});

export const LIST_EXPECTED = 'expected a comma-separated list with at least one item, e.g. a,b,c';

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Comma-separated, items trimmed, empty items dropped, at least one item → string[]. */
export const listValue = z.string().transform((raw, ctx): string[] => {
  const items = splitList(raw);
  if (items.length === 0) {
    ctx.addIssue({ code: 'custom', message: LIST_EXPECTED });
    return z.NEVER;
  }
  return items;
});

/** Like listValue, with each item checked by `item` (issues name the item's position). */
export function listOf<T extends z.ZodType<unknown, string>>(item: T) {
  return listValue.pipe(z.array(item));
}

export const TIME_EXPECTED =
  'expected an ISO 8601 time with a zone, e.g. 2025-06-01T18:30:00Z or 2025-06-01T18:30:00+02:00, or a date, e.g. 2025-06-01';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Milliseconds since the epoch of a UTC wall time, years 0–99 included (Date.UTC maps them to 19xx). */
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * Strict ISO 8601: a date (`YYYY-MM-DD`, midnight UTC) or a date-time with
 * `Z` or an offset. A time without a zone is refused rather than guessed in
 * the server's zone; impossible dates (2025-02-30) are refused rather than
 * rolled over as `Date` would.
 */
export function parseIsoTime(raw: string): Date | undefined {
  const text = raw.trim();
  const d = DATE_ONLY.exec(text);
  const m = d ?? DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (d) return new Date(utcMillis(year, month, day));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(utcMillis(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/** ISO 8601 date-time with `Z` or an offset, or a date `YYYY-MM-DD` → Date. */
export const timeValue = z.string().transform((raw, ctx): Date => {
  const date = parseIsoTime(raw);
  if (date === undefined) {
    ctx.addIssue({ code: 'custom', message: TIME_EXPECTED });
    return z.NEVER;
  }
  return date;
});

/** A whole number in [min, max] written in decimal digits (no 1e3, 0x10, 5.0 or spaces). */
export function intValue(min: number, max: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.string().transform((raw, ctx): number => {
    const text = raw.trim();
    const n = /^[+-]?\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    return n;
  });
}
