/**
 * Chat room endpoints (agora.md §2): create, list (array + count + opaque
 * cursor, newest first), details of up to 100 ids, modify (three fields only,
 * answered with `groupname`/`description`/`maxusers` flags), delete,
 * announcement get/set, mute-all on/off.
 */
import type { Route } from '../kit/types.js';
import { failure, success } from './envelope.js';
import {
  findRoom,
  firstUnknownUser,
  invalid,
  optionalMaxusers,
  optionalText,
  paramsEcho,
  queryInt,
  requiredText,
  unknownUser,
  usernameList,
} from './fields.js';
import type { Guard } from './guard.js';
import { type AgoraRoomRecord, type AgoraState, DEFAULT_MAXUSERS } from './state.js';

const ROOMS = '/:org/:app/chatrooms';
const MAX_LIST_LIMIT = 100;
const DEFAULT_LIST_LIMIT = 10;
const MAX_DETAIL_IDS = 100;
const MAX_ANNOUNCEMENT = 512;
const MODIFIABLE = new Set(['name', 'description', 'maxusers']);

export function listItem(state: AgoraState, room: AgoraRoomRecord) {
  return {
    id: room.id,
    name: room.name,
    owner: room.owner,
    affiliations_count: state.headcount(room),
    disabled: false,
  };
}

export function details(state: AgoraState, room: AgoraRoomRecord) {
  return {
    id: room.id,
    name: room.name,
    description: room.description,
    membersonly: false,
    allowinvites: false,
    invite_need_confirm: true,
    maxusers: room.maxusers,
    owner: room.owner,
    created: room.created,
    custom: room.custom,
    mute: room.mute,
    affiliations_count: state.headcount(room),
    // Members first, owner last, as in the vendor's example.
    affiliations: [...room.members.map((member) => ({ member })), { owner: room.owner }],
    public: true,
  };
}

/** Opaque to clients; the emulator's own convention (the real format is unconfirmed). */
const encodeCursor = (offset: number) => Buffer.from(`roomops:im:chatroom:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const m = /^roomops:im:chatroom:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

export function roomRoutes(state: AgoraState, guard: Guard): Route[] {
  return [
    {
      method: 'POST',
      pattern: ROOMS,
      handler: guard(
        ({ ctx, body }) => {
          const name = requiredText(body, 'name', 128);
          if (!name.ok) return name.response;
          const description = requiredText(body, 'description', 512);
          if (!description.ok) return description.response;
          const owner = requiredText(body, 'owner', 64);
          if (!owner.ok) return owner.response;
          const maxusers = optionalMaxusers(body);
          if (!maxusers.ok) return maxusers.response;
          const custom = optionalText(body, 'custom', 8192);
          if (!custom.ok) return custom.response;
          let members: string[] = [];
          if (body.members !== undefined) {
            const list = usernameList(body.members, 'members', 10_000);
            if (!list.ok) return list.response;
            members = list.value.filter((m) => m !== owner.value);
          }
          const unknown = firstUnknownUser(state, [owner.value, ...members]);
          if (unknown !== undefined) return unknownUser(unknown);
          const cap = maxusers.value ?? DEFAULT_MAXUSERS;
          if (members.length + 1 > cap) {
            return failure(403, 'exceed_limit', `members exceed the chat room's maxusers ${cap}`);
          }
          const room = state.createRoom({
            name: name.value,
            description: description.value,
            owner: owner.value,
            members,
            maxusers: cap,
            custom: custom.value ?? '',
          });
          return success(ctx, { id: room.id });
        },
        { json: true },
      ),
    },
    {
      method: 'GET',
      pattern: ROOMS,
      handler: guard(({ req, ctx }) => {
        const limit = queryInt(req.query, 'limit', DEFAULT_LIST_LIMIT, 1);
        if (!limit.ok) return limit.response;
        const size = Math.min(limit.value, MAX_LIST_LIMIT);
        const cursor = req.query.get('cursor');
        let offset = 0;
        if (cursor) {
          const decoded = decodeCursor(cursor);
          if (decoded === undefined) return failure(400, 'illegal_argument', `cursor ${cursor} is invalid`);
          offset = decoded;
        }
        const all = state.roomsNewestFirst();
        const page = all.slice(offset, offset + size).map((room) => listItem(state, room));
        const next = offset + size < all.length ? encodeCursor(offset + size) : undefined;
        return success(ctx, page, {
          count: page.length,
          ...(next ? { cursor: next } : {}),
          params: paramsEcho(req.query),
        });
      }),
    },
    {
      method: 'GET',
      pattern: `${ROOMS}/:ids`,
      handler: guard(({ req, ctx }) => {
        const ids = (req.params.ids ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (ids.length === 0) return invalid('chat room ids must be provided');
        if (ids.length > MAX_DETAIL_IDS)
          return invalid(`at most ${MAX_DETAIL_IDS} chat room ids per request`);
        // Emulator convention (unconfirmed at the vendor): unknown ids are left out;
        // only when none exists is the answer a 404.
        const found = ids
          .map((id) => state.rooms.get(id))
          .filter((r): r is AgoraRoomRecord => r !== undefined);
        if (found.length === 0) {
          return failure(404, 'service_resource_not_found', `do not find this group: ${ids.join(',')}`);
        }
        return success(
          ctx,
          found.map((room) => details(state, room)),
          { count: found.length },
        );
      }),
    },
    {
      method: 'PUT',
      pattern: `${ROOMS}/:id`,
      handler: guard(
        ({ req, ctx, body }) => {
          const room = findRoom(state, req.params.id ?? '');
          if (!room.ok) return room.response;
          const extra = Object.keys(body).filter((k) => !MODIFIABLE.has(k));
          if (extra.length > 0) return invalid(`some of [${extra.join(', ')}] are not valid fields`);
          if (Object.keys(body).length === 0)
            return invalid('give at least one of name, description, maxusers');
          const name = optionalText(body, 'name', 128);
          if (!name.ok) return name.response;
          if (name.value === '') return invalid('name must not be empty');
          const description = optionalText(body, 'description', 512);
          if (!description.ok) return description.response;
          const maxusers = optionalMaxusers(body);
          if (!maxusers.ok) return maxusers.response;
          // Emulator convention: maxusers may not drop below the current headcount.
          if (maxusers.value !== undefined && maxusers.value < state.headcount(room.value)) {
            return failure(
              403,
              'exceed_limit',
              `maxusers ${maxusers.value} is below the ${state.headcount(room.value)} current members`,
            );
          }
          const flags: Record<string, boolean> = {};
          if (name.value !== undefined) {
            room.value.name = name.value;
            flags.groupname = true;
          }
          if (description.value !== undefined) {
            room.value.description = description.value;
            flags.description = true;
          }
          if (maxusers.value !== undefined) {
            room.value.maxusers = maxusers.value;
            flags.maxusers = true;
          }
          return success(ctx, flags);
        },
        { json: true },
      ),
    },
    {
      method: 'DELETE',
      pattern: `${ROOMS}/:id`,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        state.rooms.delete(room.value.id);
        return success(ctx, { success: true, id: room.value.id });
      }),
    },
    {
      method: 'GET',
      pattern: `${ROOMS}/:id/announcement`,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        return success(ctx, { announcement: room.value.announcement });
      }),
    },
    {
      method: 'POST',
      pattern: `${ROOMS}/:id/announcement`,
      handler: guard(
        ({ req, ctx, body }) => {
          const room = findRoom(state, req.params.id ?? '');
          if (!room.ok) return room.response;
          if (typeof body.announcement !== 'string') return invalid('announcement must be provided');
          const text = optionalText(body, 'announcement', MAX_ANNOUNCEMENT);
          if (!text.ok) return text.response;
          room.value.announcement = body.announcement;
          return success(ctx, { id: room.value.id, result: true });
        },
        { json: true },
      ),
    },
    ...(['POST', 'DELETE'] as const).map((method) => ({
      method,
      pattern: `${ROOMS}/:id/ban`,
      handler: guard(({ req, ctx }) => {
        const room = findRoom(state, req.params.id ?? '');
        if (!room.ok) return room.response;
        room.value.mute = method === 'POST';
        // Both verbs answer action "put" and `mute: true` (a success flag, not the state) — agora.md §2.9.
        return success(ctx, { mute: true }, { action: 'put' });
      }),
    })),
  ];
}
