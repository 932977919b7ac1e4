/**
 * Room endpoints: `room/create`, `rooms/list`, `room/{id}/edit`,
 * `room/{id}/delete` (shared/vendors/iflychat.md §2.1–2.3, §2.7).
 *
 * Emulator conventions for what the vendor leaves unconfirmed:
 * - `room_name` and `room_role` are required on create and edit (400
 *   `<field> is required`); the flags are optional and default to `"0"`.
 * - Edit replaces all four fields: an omitted flag is reset to `"0"`. This is
 *   the strict reading of "same fields as create" and why the client sends all four.
 * - Room 0 (the public room) is not listed and cannot be edited or deleted.
 */
import type { Route } from '../../kit/types.js';
import { withApiKey } from '../auth.js';
import { type Body, readFlag, readString } from '../fields.js';
import { failure, fieldRequired, ok, PATH_PREFIX, roomNotFound, success } from '../replies.js';
import { type IflychatState, PUBLIC_ROOM_ID, type StoredRoom } from '../state.js';
import { existingRoomId } from './room-id.js';

type RoomFields = Omit<StoredRoom, 'room_id'>;

function readRoomFields(body: Body): RoomFields | { error: ReturnType<typeof failure> } {
  const room_name = readString(body, 'room_name')?.trim();
  if (!room_name) return { error: fieldRequired('room_name') };
  const room_role = readString(body, 'room_role')?.trim();
  if (!room_role) return { error: fieldRequired('room_role') };
  const priv = readFlag(body, 'room_private', '0');
  if (!priv.ok) return { error: failure(400, priv.error) };
  const moderate = readFlag(body, 'room_moderate', '0');
  if (!moderate.ok) return { error: failure(400, moderate.error) };
  return { room_name, room_role, room_private: priv.value, room_moderate: moderate.value };
}

export function roomRoutes(state: IflychatState, apiKey: string): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/room/create`,
      handler: withApiKey(apiKey, (body) => {
        const fields = readRoomFields(body);
        if ('error' in fields) return fields.error;
        return ok({ room_id: state.createRoom(fields).room_id });
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/rooms/list`,
      handler: withApiKey(apiKey, () => {
        const rooms = [...state.rooms.values()].sort((a, b) => a.room_id - b.room_id).map((r) => ({ ...r }));
        return ok({ rooms, length: rooms.length });
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/room/:id/edit`,
      handler: withApiKey(apiKey, (body, req) => {
        const id = existingRoomId(state, req);
        if (id === undefined) return roomNotFound();
        if (id === PUBLIC_ROOM_ID) return failure(400, 'the public chat room cannot be edited');
        const fields = readRoomFields(body);
        if ('error' in fields) return fields.error;
        state.rooms.set(id, { room_id: id, ...fields });
        return success();
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/room/:id/delete`,
      handler: withApiKey(apiKey, (_body, req) => {
        const id = existingRoomId(state, req);
        if (id === undefined) return roomNotFound();
        if (id === PUBLIC_ROOM_ID) return failure(400, 'the public chat room cannot be deleted');
        state.deleteRoom(id);
        return success();
      }),
    },
  ];
}
