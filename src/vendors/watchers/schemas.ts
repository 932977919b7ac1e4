/**
 * Response bodies. Only the premade list's room object and the message
 * object are published; the room endpoints' bodies are not (shared/vendors/
 * watchers.md §5), so the schemas hold the client to what it uses and keep
 * every other field.
 */
import { z } from 'zod';

const numericOrString = z.union([z.number(), z.string()]);

/** The fields RoomOps reads from a room. */
const roomFields = z.object({
  id: numericOrString,
  externalRoomId: numericOrString,
  status: z.string(),
  name: z.string().nullable().optional(),
});
export type WireRoom = z.input<typeof roomFields> & Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A room: only the fields RoomOps reads are checked; the object passes on as
 * Watchers sent it (its ~20 other fields are shown, not read), so toRoom
 * copies it once instead of zod copying it first.
 */
export const wireRoomSchema = z
  .custom<WireRoom>(isRecord, 'expected a room object')
  .superRefine((body, ctx) => {
    const checked = roomFields.safeParse(body);
    if (!checked.success)
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });

/** `GET /room/premade`: a JSON array of room objects. */
export const roomListSchema = z.array(wireRoomSchema);

/**
 * `POST /external/message/send`: the full message object (newer page), or
 * `{"success": true}` (older revision of the same page). A 2xx is the success;
 * `id` and `createdAt` are read when they are there, the echoed text never.
 */
export const sentMessageSchema = z.unknown().transform((body) => {
  const fields = z
    .looseObject({
      id: numericOrString.optional().catch(undefined),
      createdAt: z.string().optional().catch(undefined),
    })
    .safeParse(body);
  return fields.success ? fields.data : {};
});

/** Bodies RoomOps does not read (undocumented acknowledgements of status, speak, delete, ban). */
export const anyReply = z.unknown();

/** The error body: NestJS `{statusCode, message, error?}`, or the older `{error}`. */
export const errorBodySchema = z.looseObject({
  statusCode: z.number().optional(),
  message: z.union([z.string(), z.array(z.string())]).optional(),
  error: z.string().optional(),
});
