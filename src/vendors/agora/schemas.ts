/**
 * zod schemas of Agora Chat's answers (agora.md §2, §3). Only `data` (and
 * `count`/`cursor` on lists) is read; the rest of the Easemob envelope is let
 * through. Room objects keep the vendor's own fields (`.loose()`).
 */
import { z } from 'zod';

/** Agora room ids are numeric strings; accept a number too and normalise. */
const roomId = z.union([z.string().min(1), z.number()]).transform(String);

const envelope = <T extends z.ZodType>(data: T) => z.looseObject({ data });

export const roomSummary = z.looseObject({
  id: roomId,
  name: z.string().optional(),
  owner: z.string().optional(),
});

export const roomDetails = z.looseObject({
  id: roomId,
  name: z.string().optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  maxusers: z.number().optional(),
  affiliations: z.array(z.record(z.string(), z.string())).optional(),
});

export const createReply = envelope(z.looseObject({ id: roomId }));

/** `data` is an array, with `count` and a `cursor` only when more pages exist (not the seed's object). */
export const listReply = z.looseObject({
  data: z.array(roomSummary),
  count: z.number().optional(),
  cursor: z.string().optional(),
});

export const detailsReply = z.looseObject({ data: z.array(roomDetails), count: z.number().optional() });

/** One flag per changed field; the name flag is `groupname` (agora.md §2.5). */
export const modifyReply = envelope(z.record(z.string(), z.boolean()));

export const deleteReply = envelope(z.looseObject({ success: z.literal(true), id: roomId }));

export const announcementReply = envelope(z.looseObject({ announcement: z.string() }));

export const announcementSetReply = envelope(
  z.looseObject({ id: roomId.optional(), result: z.literal(true) }),
);

/** `mute: true` is a success flag for both mute and unmute (agora.md §2.9). */
export const muteAllReply = envelope(z.looseObject({ mute: z.literal(true) }));

/** Member list entries are one-key objects: `{"owner": u}` or `{"member": u}`. */
export const membersReply = z.looseObject({
  data: z.array(z.record(z.string(), z.string())),
  count: z.number().optional(),
});

export const addOneReply = envelope(z.looseObject({ result: z.literal(true), user: z.string().optional() }));

export const addManyReply = envelope(z.looseObject({ newmembers: z.array(z.string()) }));

export const removeOneReply = envelope(
  z.looseObject({ result: z.literal(true), user: z.string().optional() }),
);

export const removeManyReply = envelope(
  z.array(z.looseObject({ result: z.boolean(), user: z.string(), reason: z.string().optional() })),
);

/** Easemob's error body. */
export const errorBody = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  exception: z.string().optional(),
});
