/**
 * Response bodies. Only the premade list's room object and the message
 * object are published; the room endpoints' bodies are not (shared/vendors/
 * watchers.md §5), so the schemas hold the client to what it uses and keep
 * every other field.
 */
import { z } from 'zod';

const numericOrString = z.union([z.number(), z.string()]);

export const wireRoomSchema = z.looseObject({
  id: numericOrString,
  externalRoomId: numericOrString.transform(String),
  status: z.string(),
  name: z.string().nullable().optional(),
});
export type WireRoom = z.output<typeof wireRoomSchema>;

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
