/**
 * Zod schemas of RongCloud's success bodies (shared/vendors/rongcloud.md §5).
 * Every body is an object with `code: 200`; extra fields are kept
 * (`.loose()`) so a room carries the vendor's own fields.
 */
import { z } from 'zod';

const ok = z.literal(200);

/** `{"code":200}` — create, destroy, destroy/set, ban/*, keepalive/*, block/add. */
export const codeOnly = z.object({ code: ok }).loose();

/** `/chatroom/get.json`; `chatroomId` echoes the id asked for, so the client does not depend on it. */
export const chatroomInfo = z
  .object({
    code: ok,
    chatroomId: z.string().optional(),
    createTime: z.number(),
    memberCount: z.number().int(),
    destroyType: z.number().int(),
    destroyTime: z.number().int(),
    ban: z.boolean(),
  })
  .loose();
export type ChatroomInfo = z.infer<typeof chatroomInfo>;

/** `/chatroom/user/query.json`; `time` is the join time, `YYYY-MM-DD HH:MM:SS`; `total` is not read. */
export const memberQuery = z
  .object({
    code: ok,
    total: z.number().int().optional(),
    users: z.array(z.object({ id: z.string(), time: z.string().optional() }).loose()),
  })
  .loose();

/** What an error body looks like: `{"code":1004,"errorMessage":"…","url":"/…json"}`. */
export const errorBody = z
  .object({
    code: z.coerce.number().int(),
    errorMessage: z.string().optional(),
    url: z.string().optional(),
    requestId: z.string().optional(),
  })
  .loose();
