/**
 * Chat room member endpoints (agora.md §3): paged list, add one, add many
 * (≤60), remove one, remove many (comma-joined in the path, per-user results),
 * and the rooms a user joined. Rule violations answer 403 `forbidden_op` (the
 * vendor's docs disagree between 400 and 403; Agora's status page says 403).
 */
import type { Route } from '../kit/types.js';
import { failure, success } from './envelope.js';
import { findRoom, firstUnknownUser, paramsEcho, queryInt, unknownUser, usernameList } from './fields.js';
import type { Guard } from './guard.js';
import type { AgoraRoomRecord, AgoraState } from './state.js';

const USERS = '/:org/:app/chatrooms/:id/users';
const MAX_PAGESIZE = 1000;
const MAX_BATCH_ADD = 60;
const MAX_BATCH_REMOVE = 100;

const full = (room: AgoraRoomRecord) =>
  failure(403, 'exceed_limit', `chat room ${room.id} is full: maxusers ${room.maxusers}`);

type RemoveResult = { result: true } | { result: false; reason: string };

function removeOne(state: AgoraState, room: AgoraRoomRecord, user: string): RemoveResult {
  if (!state.users.has(user)) return { result: false, reason: `user: ${user} doesn't exist` };
  if (room.owner === user)
    return { result: false, reason: `user: ${user} is the owner of group: ${room.id}` };
  const index = room.members.indexOf(user);
  if (index < 0) return { result: false, reason: `user: ${user} doesn't exist in group: ${room.id}` };
  room.members.splice(index, 1);
  return { result: true };
}

export function memberRoutes(state: AgoraState, guard: Guard): Route[] {
  return [
    {
      method: 'GET',
      pattern: USERS,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        const pagenum = queryInt(req.query, 'pagenum', 1, 1);
        if (!pagenum.ok) return pagenum.response;
        const pagesize = queryInt(req.query, 'pagesize', MAX_PAGESIZE, 0);
        if (!pagesize.ok) return pagesize.response;
        const size = Math.min(pagesize.value, MAX_PAGESIZE);
        const everyone = [{ owner: room.value.owner }, ...room.value.members.map((member) => ({ member }))];
        const start = (pagenum.value - 1) * size;
        const page = everyone.slice(start, start + size);
        return success(ctx, page, { count: page.length, params: paramsEcho(req.query) });
      }),
    },
    {
      method: 'POST',
      pattern: `${USERS}/:username`,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        const user = req.params.username ?? '';
        if (!state.users.has(user)) return unknownUser(user);
        if (state.isMember(room.value, user)) {
          return failure(403, 'forbidden_op', `user ${user} is already a member of group: ${room.value.id}`);
        }
        if (state.headcount(room.value) >= room.value.maxusers) return full(room.value);
        room.value.members.push(user);
        return success(ctx, { result: true, action: 'add_member', id: room.value.id, user });
      }),
    },
    {
      method: 'POST',
      pattern: USERS,
      handler: guard(
        ({ req, ctx, body }) => {
          const room = findRoom(state, req.params.id ?? '');
          if (!room.ok) return room.response;
          const list = usernameList(body.usernames, 'usernames', MAX_BATCH_ADD);
          if (!list.ok) return list.response;
          // Emulator convention (unconfirmed): an unknown user fails the whole call,
          // as at create; users already in the room are skipped and left out of `newmembers`.
          const unknown = firstUnknownUser(state, list.value);
          if (unknown !== undefined) return unknownUser(unknown);
          const fresh = list.value.filter((u) => !state.isMember(room.value, u));
          if (state.headcount(room.value) + fresh.length > room.value.maxusers) return full(room.value);
          room.value.members.push(...fresh);
          return success(ctx, { newmembers: fresh, action: 'add_member', id: room.value.id });
        },
        { json: true },
      ),
    },
    {
      method: 'DELETE',
      pattern: `${USERS}/:usernames`,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        const users = (req.params.usernames ?? '').split(',').filter(Boolean);
        if (users.length > MAX_BATCH_REMOVE) {
          return failure(400, 'invalid_parameter', `at most ${MAX_BATCH_REMOVE} usernames per request`);
        }
        if (users.length === 1) {
          const user = users[0]!;
          if (!state.users.has(user)) return unknownUser(user);
          const outcome = removeOne(state, room.value, user);
          if (!outcome.result) {
            const text =
              room.value.owner === user ? outcome.reason : `users [${user}] are not members of this group!`;
            return failure(403, 'forbidden_op', text);
          }
          return success(ctx, { result: true, action: 'remove_member', user, id: room.value.id });
        }
        const results = users.map((user) => ({
          ...removeOne(state, room.value, user),
          action: 'remove_member',
          user,
          id: room.value.id,
        }));
        return success(ctx, results);
      }),
    },
    {
      method: 'GET',
      pattern: '/:org/:app/users/:username/joined_chatrooms',
      handler: guard(({ req, ctx }) => {
        const user = req.params.username ?? '';
        if (!state.users.has(user)) return unknownUser(user);
        const joined = state
          .roomsNewestFirst()
          .filter((room) => state.isMember(room, user))
          .map((room) => ({ id: room.id, name: room.name }));
        return success(ctx, joined, { count: joined.length });
      }),
    },
  ];
}
