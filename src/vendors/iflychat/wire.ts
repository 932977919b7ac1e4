/**
 * iFlyChat's wire formats (shared/vendors/iflychat.md §1–2): every scalar is a
 * string (`"room_role": "1"`, flags `"1"`/`"0"`), room ids are integers (a
 * number in create/list, a string in history), and history times are epoch
 * **seconds** — the docs call `start_timestamp`/`end_timestamp` milliseconds,
 * but their examples and results are seconds, so seconds go out and come back.
 */
import type { HistoryMessage, Member, Room } from '../types.js';
import type { WireMessage, WireRoom, WireUser } from './schemas.js';

export type Flag = '0' | '1';

export const encodeFlag = (on: boolean): Flag => (on ? '1' : '0');
export const decodeFlag = (flag: string | undefined): boolean => flag === '1';

/** A Date as the whole epoch seconds iFlyChat's history filters take (sub-second part dropped). */
export const toVendorSeconds = (date: Date): string => String(Math.floor(date.getTime() / 1000));

/** A vendor `time` (epoch seconds) as ISO 8601. */
export const fromVendorSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** A room with its string `id` and `name` in front of the vendor's own fields. */
export function toRoom(wire: WireRoom): Room {
  return { ...wire, id: String(wire.room_id), name: wire.room_name };
}

export function toMember(wire: WireUser): Member {
  return { ...wire, id: wire.user_id, ...(wire.user_name !== undefined ? { name: wire.user_name } : {}) };
}

/** A history item in RoomOps' shape; the vendor's fields stay, its `time` becomes ISO. */
export function toHistoryMessage(wire: WireMessage): HistoryMessage {
  const { time, from_id, message, message_id, ...rest } = wire;
  return {
    ...rest,
    ...(message_id !== undefined ? { id: message_id } : {}),
    from: from_id,
    ...(wire.to_id !== undefined ? { to: wire.to_id } : {}),
    text: message,
    time: fromVendorSeconds(time),
    timestamp: time,
  };
}
