/**
 * Argument schemas shared by several commands (room ids, users, toggles).
 * Every schema takes the word(s) as typed and returns the value the command
 * and the vendor client use; failures carry a message saying what is expected.
 * The vendor-id schemas are marked at the end: validation checks each of their
 * values against the account's vendor id rules, so no `..` reaches a URL.
 */
import { z } from 'zod';
import { booleanValue, intValue, listValue } from './parse/index.js';
import type { SettingSpec } from './command-spec.js';
import { vendorId } from './vendor-id-args.js';

const ROOM_ID = /^[^\s,]{1,128}$/;
export const ROOM_EXPECTED = 'expected a room id (no spaces or commas, at most 128 characters)';

export const roomId = z.string().trim().regex(ROOM_ID, ROOM_EXPECTED);

/** One room, or several separated by commas (at most 100). */
export const roomIds = z.string().transform((raw, ctx): string[] => {
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > 100 || !ids.every((id) => ROOM_ID.test(id))) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected room ids separated by commas, e.g. lobby,support (1 to 100)',
    });
    return z.NEVER;
  }
  return [...new Set(ids)];
});

/** Vendor user ids separated by commas or spaces (Discord's `user` option takes either). */
export const userIds = z.string().transform((raw, ctx): string[] => {
  const users = raw.split(/[\s,]+/).filter(Boolean);
  if (users.length === 0 || users.length > 100 || users.some((u) => u.length > 128)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected user ids separated by commas or spaces, e.g. alice,bob (1 to 100)',
    });
    return z.NEVER;
  }
  return [...new Set(users)];
});

export const oneUser = z
  .string()
  .trim()
  .regex(/^[^\s,]{1,128}$/, 'expected one user id (no spaces or commas)');

export const onOff = booleanValue;

export const roomName = z
  .string()
  .trim()
  .min(1, 'expected a non-empty name')
  .max(128, 'expected at most 128 characters');

export const text = (max: number) =>
  z.string().trim().min(1, 'expected some text').max(max, `expected at most ${max} characters`);

export const limitSetting = (max: number): SettingSpec => ({
  schema: intValue(1, max),
  description: `how many to show (1–${max})`,
});

export const cursorSetting: SettingSpec = {
  schema: z.string().min(1).max(512),
  description: 'where the previous page ended (from its answer)',
};

/** Comma-separated user ids in a setting (`whiteUserIds=host1,host2`), at most `max`. */
export const userIdList = (max = 100) =>
  vendorId(
    listValue.refine((users) => users.length <= max, `expected at most ${max} users`),
    'user',
  );

vendorId(roomId, 'room');
vendorId(roomIds, 'room');
vendorId(userIds, 'user');
vendorId(oneUser, 'user');
