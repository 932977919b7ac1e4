/**
 * Watchers.io's id rules (shared/vendors/watchers.md "Identifiers"): the room
 * id is the caller's `roomId` (kept as `externalRoomId`), "any string", sent
 * as a URL path segment; user ids are the app's own strings. Beyond path
 * safety only RoomOps' length bound applies.
 */
import type { VendorIdRules } from '../id-rules.js';

export const WATCHERS_IDS: VendorIdRules = {
  room: {
    name: 'a Watchers room id',
    pattern: /^.{1,128}$/u,
    expected: 'at most 128 characters, no spaces, e.g. match-day',
  },
  user: {
    name: 'a Watchers user id',
    pattern: /^.{1,128}$/u,
    expected: 'at most 128 characters, no spaces, e.g. fan-17',
  },
};
