/**
 * Durations as typed in commands (`90s`, `15m`, `2h`, `7d`): one whole
 * number and one unit, so `older=7d` and `in=2h` read the same everywhere.
 */
import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const DURATION_EXPECTED = 'expected a duration such as 90s, 15m, 2h or 7d';
/** Ten years: anything longer is a typo, not a plan. */
const MAX_MS = 3650 * UNIT_MS.d;

export function parseDuration(raw: string): number | undefined {
  const match = /^(\d{1,7})([smhd])$/.exec(raw.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= MAX_MS ? ms : undefined;
}

export const durationValue = z.string().transform((raw, ctx): number => {
  const ms = parseDuration(raw);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: DURATION_EXPECTED });
    return z.NEVER;
  }
  return ms;
});

/** `1h 30m`-style text for estimates and messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under 1s';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes}m ${seconds % 60}s` : `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
}
