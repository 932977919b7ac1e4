/**
 * One RequestSpec per RongCloud endpoint RoomOps uses. Every endpoint is a
 * POST with a form body (shared/vendors/rongcloud.md §5); `idempotent` says
 * whether sending it twice could act twice (DESIGN.md "Rules": only those
 * that cannot are retried after a timeout, reset or 5xx).
 */
import { randomUUID } from 'node:crypto';
import type { RequestSpec } from '../http/types.js';
import type { Settings } from '../types.js';
import { formPairs } from './wire.js';

function post(path: string, fields: Record<string, unknown>, idempotent: boolean): RequestSpec {
  return {
    method: 'POST',
    path,
    // RongCloud traces by X-Request-ID (≤36 chars) and echoes it; one per call, kept across retries.
    headers: { 'X-Request-ID': randomUUID() },
    body: { kind: 'form', pairs: formPairs(fields) },
    idempotent,
    operation: path.replace(/^\//, ''),
  };
}

export const rongcloudRequests = {
  /** Never retried after a timeout: whether a second create_new is harmless is unconfirmed. */
  create: (chatroomId: string, settings: Settings) =>
    post('/chatroom/create_new.json', { chatroomId, ...settings }, false),
  get: (chatroomId: string) => post('/chatroom/get.json', { chatroomId }, true),
  /** Destroying a room that is already gone changes nothing, so a repeat cannot act twice. */
  destroy: (chatroomIds: readonly string[]) =>
    post('/chatroom/destroy.json', { chatroomId: chatroomIds }, true),
  /** Sets the lifecycle to given values: a repeat sets the same values. */
  setDestroy: (chatroomId: string, lifecycle: { destroyType?: unknown; destroyTime?: unknown }) =>
    post('/chatroom/destroy/set.json', { chatroomId, ...lifecycle }, true),
  muteAll: (chatroomId: string, on: boolean) =>
    post(on ? '/chatroom/ban/add.json' : '/chatroom/ban/rollback.json', { chatroomId }, true),
  muteQuery: (size: number, page: number) => post('/chatroom/ban/query.json', { size, page }, true),
  addMuteExceptions: (chatroomId: string, userIds: readonly string[]) =>
    post('/chatroom/user/ban/whitelist/add.json', { chatroomId, userId: userIds }, true),
  keepAliveAdd: (chatroomId: string) => post('/chatroom/keepalive/add.json', { chatroomId }, true),
  /** A repeat would answer 1015 ("not kept alive") after the first one worked: not retried. */
  keepAliveRemove: (chatroomId: string) => post('/chatroom/keepalive/remove.json', { chatroomId }, false),
  members: (chatroomId: string, count: number, order: 1 | 2) =>
    post('/chatroom/user/query.json', { chatroomId, count, order }, true),
  /** Removes the user and bans them for `minute`; a repeat restarts the ban (and any notification). */
  block: (chatroomId: string, userId: string, minute: number, extra: Settings) =>
    post('/chatroom/user/block/add.json', { chatroomId, userId, minute, ...extra }, false),
};
