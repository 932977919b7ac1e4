/**
 * Response bodies of the iFlyChat REST API v1.1 (shared/vendors/iflychat.md §2).
 * The docs show scalars as strings and `room_id` as a JSON number (a string in
 * history items); the schemas accept either spelling and keep every other field
 * the vendor sends, so a room or user carries the vendor's own fields.
 */
import { z } from 'zod';

/** Room ids: a number in create/list, a string in history. */
export const numericId = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/).transform(Number),
]);

/** A documented-string scalar that a server might also send as a number. */
const text = z.union([z.string(), z.number().transform(String)]);

/** Seconds since the epoch, as history `time` values come back. */
const epochSeconds = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const wireRoom = z.looseObject({
  room_id: numericId,
  room_name: text,
  room_role: text.optional(),
  room_private: text.optional(),
  room_moderate: text.optional(),
});
export type WireRoom = z.output<typeof wireRoom>;

export const roomsListReply = z.looseObject({
  rooms: z.array(wireRoom),
  length: z.number().int().nonnegative().optional(),
});

export const createReply = z.looseObject({ room_id: numericId });

/**
 * Edit, delete, kick and publish answer `{"success": true}`, but RoomOps reads
 * nothing from it: a 200 without `error` or `success: false` is the success
 * (the classifier refuses those), so a differing or missing echo is no failure.
 */
export const successReply = z.unknown();

export const wireUser = z.looseObject({
  user_id: text,
  user_name: text.optional(),
  user_role: text.optional(),
  user_status: text.optional(),
});
export type WireUser = z.output<typeof wireUser>;

export const usersReply = z.looseObject({
  users: z.array(wireUser),
  length: z.number().int().nonnegative().optional(),
});

export const wireMessage = z.looseObject({
  time: epochSeconds,
  from_id: text,
  from_name: text.optional(),
  room_id: text.optional(),
  room_name: text.optional(),
  to_id: text.optional(),
  to_name: text.optional(),
  message: text,
  message_id: text.optional(),
});
export type WireMessage = z.output<typeof wireMessage>;

/** `threads/get` answers a top-level array, not an object. */
export const historyReply = z.array(wireMessage);
