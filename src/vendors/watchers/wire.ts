/**
 * How RoomOps values go on the wire to Watchers, and how its room objects
 * come back as RoomOps rooms.
 * - Times: ISO 8601 in UTC with the `Z` suffix (`2025-08-14T09:00:00.000Z`),
 *   as the newer room-api revision requires; the seed's zone-less
 *   `2024-12-31 05:33:32` is outdated (shared/vendors/watchers.md §1, §6).
 * - Room ids: the caller's `roomId`, a path segment in GET/DELETE (URL-encoded).
 */
import type { Room, Settings } from '../types.js';
import type { WireRoom } from './schemas.js';

export const PATH = {
  room: '/external/room',
  speak: '/external/room/speak',
  status: '/external/room/status',
  ban: '/external/ban',
  send: '/external/message/send',
  premade: '/room/premade',
} as const;

export const roomPath = (roomId: string): string => `${PATH.room}/${encodeURIComponent(roomId)}`;

export const toWatchersTime = (date: Date): string => date.toISOString();

/** One settings value in Watchers' format: Dates become ISO 8601 UTC, lists are encoded item by item. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return toWatchersTime(value);
  if (Array.isArray(value)) return value.map(encodeValue);
  return value;
}

function encodeSettings(settings: Settings, reserved: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined || reserved.includes(key)) continue;
    out[key] = encodeValue(value);
  }
  return out;
}

/**
 * The create body: the caller's id as `roomId`, `isSpeak` false unless given
 * (the seed marks it required; DESIGN.md's default), every other setting under
 * its own Watchers name (`name`, `about`, `pic`, `startTime` …).
 */
export function encodeCreateBody(roomId: string, settings: Settings): Record<string, unknown> {
  return { roomId, isSpeak: false, ...encodeSettings(settings, ['roomId']) };
}

/** Ban reasons by name, as the ban page numbers them (docs.watchers.io banunban-api). */
export const BAN_REASONS = [
  'INSULTS',
  'PERSONAL',
  'FLOOD',
  'LINKS',
  'VIOLENCE',
  'FRAUD',
  'NICKNAME',
  'POLITICAL',
  'REPEATED',
] as const;

/** `reason` as Watchers wants it: its number; a name or numeric string is converted, anything else left for the vendor to refuse. */
export function encodeBanReason(reason: unknown): unknown {
  if (typeof reason === 'string') {
    const byName = (BAN_REASONS as readonly string[]).indexOf(reason.trim().toUpperCase());
    if (byName >= 0) return byName;
    if (/^\d+$/.test(reason.trim())) return Number(reason.trim());
  }
  return reason;
}

/** `kick` is a room ban: `value: true`, `type: IN_ROOM`, plus `expires`, `reason`, `description` when given. */
export function encodeBanBody(roomId: string, userId: string, settings: Settings): Record<string, unknown> {
  const extra = encodeSettings(settings, ['userId', 'roomId', 'value', 'type']);
  if (extra.reason !== undefined) extra.reason = encodeBanReason(extra.reason);
  return { userId, value: true, type: 'IN_ROOM', roomId, ...extra };
}

/**
 * A Watchers room as a RoomOps room: `id` is the caller's `externalRoomId`
 * (DESIGN.md), the vendor's internal numeric `id` is kept as `internalId`.
 */
export function toRoom(wire: WireRoom): Room {
  // A plain copy loop: object rest/spread costs several times more on this hot path.
  const room: Room = { id: String(wire.externalRoomId) };
  for (const key in wire) {
    if (key !== 'id' && key !== 'externalRoomId' && key !== 'name') room[key] = wire[key];
  }
  if (typeof wire.name === 'string') room.name = wire.name;
  room.internalId = wire.id;
  return room;
}
