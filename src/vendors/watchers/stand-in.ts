/**
 * Watchers' success replies for `--dry-run` (VendorHttpOptions.standIn):
 * reading a room finds the room asked for, the premade list is empty, and
 * the undocumented acknowledgements (create, status, speak, delete, ban,
 * message) answer `{"success":true}`. A create's acknowledgement is not a
 * room, so the client reads the room back, as a check a dry run answers
 * without showing. Never shown: a dry run answers with the recorded requests.
 */
import type { RequestSpec } from '../http/types.js';
import { PATH } from './wire.js';

export function watchersStandIn(spec: RequestSpec): unknown {
  switch (spec.operation) {
    case 'external/room (get)': {
      const roomId = decodeURIComponent(spec.path.slice(PATH.room.length + 1));
      return { id: roomId, externalRoomId: roomId, status: 'SOON' };
    }
    case 'room/premade':
      return [];
    default:
      return { success: true };
  }
}
