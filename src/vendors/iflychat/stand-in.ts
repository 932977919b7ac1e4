/**
 * iFlyChat's success replies for `--dry-run` (VendorHttpOptions.standIn):
 * lists are empty, edits, deletes, kicks and posts answer `{"success":true}`,
 * and a create gets room id 0, since the real id exists only once iFlyChat
 * has made the room (nothing later in a create uses it). Never shown: a dry
 * run answers with the recorded requests.
 */
import type { RequestSpec } from '../http/types.js';

export function iflychatStandIn(spec: RequestSpec): unknown {
  switch (spec.operation) {
    case 'room/create':
      return { room_id: 0 };
    case 'rooms/list':
      return { rooms: [], length: 0 };
    case 'room/{id}/users':
      return { users: [], length: 0 };
    case 'threads/get':
      return [];
    default:
      return { success: true };
  }
}

/**
 * What a dry run assumes `rooms/list` holds when an update reads the room's
 * current values from it: the room, its values unknown. The edit then shows
 * each carried-over value as `<current …>` instead of inventing one.
 */
export function listWithUnknownRoom(id: string): unknown {
  const unknown = (field: string) => `<current ${field}>`;
  return {
    rooms: [
      {
        room_id: Number(id),
        room_name: unknown('room_name'),
        room_role: unknown('room_role'),
        room_private: unknown('room_private'),
        room_moderate: unknown('room_moderate'),
      },
    ],
  };
}
