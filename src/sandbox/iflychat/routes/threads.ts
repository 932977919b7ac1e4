/**
 * Message endpoints: `threads/get` (room, user and pair modes), `threads/delete`
 * and `room/{id}/publish` (shared/vendors/iflychat.md §2.8, §3).
 *
 * History conventions, matching the vendor file's inferences:
 * - `start_timestamp` / `end_timestamp` are **seconds** (the docs say ms but
 *   pass and return second values), both inclusive;
 * - `time` comes back in seconds, shifted by `timezone_offset` (ms east of UTC,
 *   default 0); room ids come back as strings;
 * - the answer is a top-level array, oldest first; `limit` keeps the latest N.
 */
import type { EmulatorResponse, Route } from '../../kit/types.js';
import { withApiKey } from '../auth.js';
import { type Body, parseSigned, parseWhole, readList, readString } from '../fields.js';
import { failure, fieldRequired, ok, PATH_PREFIX, roomNotFound, success } from '../replies.js';
import type { IflychatState, StoredMessage } from '../state.js';
import { existingRoomId } from './room-id.js';

type Select = (m: StoredMessage) => boolean;

const between =
  (a: string, b: string): Select =>
  (m) =>
    m.to_id !== undefined && ((m.from_id === a && m.to_id === b) || (m.from_id === b && m.to_id === a));

function selectThreads(body: Body): Select | EmulatorResponse {
  const roomIds = readList(body, 'room_id');
  if (roomIds) {
    const wanted = new Set(roomIds.map((r) => parseWhole(r)).filter((n): n is number => n !== undefined));
    return (m) => m.room_id !== undefined && wanted.has(m.room_id);
  }
  const userIds = readList(body, 'user_id');
  if (userIds) {
    const filter = readString(body, 'thread_filter') ?? 'user';
    if (filter !== 'user' && filter !== 'room') return failure(400, 'thread_filter must be "user" or "room"');
    const users = new Set(userIds);
    return filter === 'room'
      ? (m) => m.room_id !== undefined && users.has(m.from_id)
      : (m) => m.to_id !== undefined && (users.has(m.from_id) || users.has(m.to_id));
  }
  const from = readString(body, 'from_id');
  const to = readString(body, 'to_id');
  if (from && to) return between(from, to);
  return failure(400, 'room_id, user_id or from_id and to_id is required');
}

function readWholeField(body: Body, key: string): { value?: number } | EmulatorResponse {
  const raw = readString(body, key);
  if (raw === undefined || raw === '') return {};
  const value = parseWhole(raw);
  return value === undefined ? failure(400, `${key} must be a whole number`) : { value };
}

export function threadRoutes(state: IflychatState, apiKey: string): Route[] {
  const present = (m: StoredMessage, offsetSeconds: number) => {
    const time = m.time + offsetSeconds;
    if (m.room_id !== undefined) {
      const { to_id: _t, to_name: _n, ...rest } = m;
      return { ...rest, time, room_id: String(m.room_id), room_name: state.roomName(m.room_id) };
    }
    return { ...m, time };
  };

  return [
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/threads/get`,
      handler: withApiKey(apiKey, (body) => {
        const select = selectThreads(body);
        if (typeof select !== 'function') return select;
        const start = readWholeField(body, 'start_timestamp');
        if ('status' in start) return start;
        const end = readWholeField(body, 'end_timestamp');
        if ('status' in end) return end;
        const limit = readWholeField(body, 'limit');
        if ('status' in limit) return limit;
        const offsetRaw = readString(body, 'timezone_offset');
        const offsetMs = offsetRaw === undefined || offsetRaw === '' ? 0 : parseSigned(offsetRaw);
        if (offsetMs === undefined)
          return failure(400, 'timezone_offset must be a whole number of milliseconds');

        let found = state.messages
          .filter(select)
          .filter(
            (m) =>
              (start.value === undefined || m.time >= start.value) &&
              (end.value === undefined || m.time <= end.value),
          )
          .sort((a, b) => a.time - b.time);
        if (limit.value !== undefined) found = limit.value === 0 ? [] : found.slice(-limit.value);
        return ok(found.map((m) => present(m, Math.trunc(offsetMs / 1000))));
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/threads/delete`,
      handler: withApiKey(apiKey, (body) => {
        const roomId = parseWhole(readString(body, 'room_id'));
        const from = readString(body, 'from_id');
        const to = readString(body, 'to_id');
        let doomed: Select;
        if (roomId !== undefined) doomed = (m) => m.room_id === roomId;
        else if (from && to) doomed = between(from, to);
        else return failure(400, 'room_id or from_id and to_id is required');
        const kept = state.messages.filter((m) => !doomed(m));
        state.messages.splice(0, state.messages.length, ...kept);
        return success();
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/room/:id/publish`,
      handler: withApiKey(apiKey, (body, req) => {
        const id = existingRoomId(state, req);
        if (id === undefined) return roomNotFound();
        for (const field of ['uid', 'name', 'message'] as const) {
          if (!readString(body, field)?.trim()) return fieldRequired(field);
        }
        const extra: Partial<StoredMessage> = {};
        const picture = readString(body, 'picture_url');
        const profile = readString(body, 'profile_url');
        if (picture) extra.picture_url = picture;
        if (profile) extra.profile_url = profile;
        state.addRoomMessage(
          id,
          { id: readString(body, 'uid')!, name: readString(body, 'name')! },
          readString(body, 'message')!,
          extra,
        );
        return success();
      }),
    },
  ];
}
