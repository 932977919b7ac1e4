/**
 * zod schemas of Agora Chat's answers (agora.md §2, §3). Strict on what
 * RoomOps reads (ids, lists, the announcement, per-user results), liberal on
 * echoes: a 2xx is Agora's success, so an acknowledgement whose echo differs
 * (unmute-all answering `"mute": false`, `result`/`expire` per [AG-mute]'s
 * field table) never turns a done change into a failure. Only `data` (and
 * `cursor` on lists) is read; the rest of the Easemob envelope is let
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

/** `data` is an array, with a `cursor` only when more pages exist (not the seed's object); `count` is not read. */
export const listReply = z.looseObject({
  data: z.array(roomSummary),
  cursor: z.string().optional(),
});

export const detailsReply = z.looseObject({ data: z.array(roomDetails) });

/** One flag per changed field (`groupname` for the name, agora.md §2.5); kept as the vendor sent it. */
export const modifyReply = z.looseObject({ data: z.record(z.string(), z.unknown()).optional() });

/** Acknowledgements RoomOps reads nothing from: delete (`success`, `id`), set announcement, mute-all. */
export const acknowledgement = z.unknown();

export const announcementReply = envelope(z.looseObject({ announcement: z.string() }));

/** Member list entries are one-key objects: `{"owner": u}` or `{"member": u}`. */
export const membersReply = z.looseObject({ data: z.array(z.record(z.string(), z.string())) });

/**
 * One member added or removed: `result: true` (the admin endpoint's example
 * says `"success"`). Only an explicit `false` is a refusal; see singleResultRefusal.
 */
export const singleMemberReply = z.looseObject({
  data: z.looseObject({ result: z.unknown().optional(), reason: z.string().optional() }).optional(),
});

export const addManyReply = envelope(z.looseObject({ newmembers: z.array(z.string()) }));

export const removeManyReply = envelope(
  z.array(z.looseObject({ result: z.boolean(), user: z.string(), reason: z.string().optional() })),
);

/** Easemob's error body. */
export const errorBody = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  exception: z.string().optional(),
});
