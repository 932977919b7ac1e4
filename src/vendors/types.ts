/**
 * The one interface every vendor client implements. Callers (the command core)
 * ask `capabilities` before calling; a method for an operation the vendor lacks
 * throws UnsupportedOperationError.
 *
 * Conventions shared by all clients:
 * - Room ids are strings everywhere (iFlyChat's integer ids, Agora's numeric
 *   strings, Watchers' caller-chosen `externalRoomId`).
 * - `settings` objects carry the vendor's own field names as in shared/vendors/
 *   (`destroyType`, `maxusers`, `room_role` …), already validated and coerced by
 *   the command layer: booleans are booleans, lists are string arrays, times are
 *   Date objects. The client converts them to the vendor's wire format.
 * - Several-item operations return one ItemOutcome per item so the caller can
 *   report a partial failure item by item.
 */
import type { VendorError } from './errors.js';

export const VENDORS = ['iflychat', 'rongcloud', 'watchers', 'agora'] as const;
export type VendorName = (typeof VENDORS)[number];

/** Operations a client may support; the command core maps actions onto these. */
export const OPERATIONS = [
  'create',
  'list',
  'info',
  'update',
  'delete',
  'status',
  'voice',
  'mute',
  'keepalive',
  'announce.read',
  'announce.write',
  'members.list',
  'members.add',
  'members.remove',
  'kick',
  'history',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const ROOM_STATUSES = ['LIVE', 'SOON', 'ENDED', 'DISABLED'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/** A room as the vendor returned it (its own fields kept), with a string `id`. */
export interface Room {
  id: string;
  name?: string;
  [field: string]: unknown;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, absent on the last page. */
  cursor?: string;
}

export interface Member {
  id: string;
  [field: string]: unknown;
}

export interface HistoryMessage {
  id?: string;
  from: string;
  to?: string;
  text: string;
  /** ISO 8601 */
  time: string;
  [field: string]: unknown;
}

export interface Announcement {
  room: string;
  text: string | null;
  [field: string]: unknown;
}

export interface KickResult {
  room: string;
  user: string;
  [field: string]: unknown;
}

export type ItemOutcome<T> =
  { id: string; ok: true; value: T } | { id: string; ok: false; error: VendorError };

export type Settings = Record<string, unknown>;

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface HistoryRequest {
  limit?: number;
  since?: Date;
  until?: Date;
}

/** What each vendor calls the `create` positional: a name it assigns an id to, or the caller's id. */
export type CreateKey = 'name' | 'id';

/**
 * What a vendor's room list holds, which decides where `list` looks:
 * - `whole`: every room in one answer, so a known room missing from it is gone (iFlyChat);
 * - `paged`: every room, a page at a time (Agora Chat);
 * - `upcoming`: only upcoming and live rooms, so ended ones come from RoomOps' inventory (Watchers.io);
 * - `none`: no list at all, so RoomOps' inventory stands in (RongCloud).
 */
export type RoomListKind = 'whole' | 'paged' | 'upcoming' | 'none';

/** Vendor facts commands act on; the values are in capabilities.ts VENDOR_TRAITS. */
export interface VendorTraits {
  /** What `create` is given: a name (the vendor assigns the id) or the caller's own id. */
  createKey: CreateKey;
  roomList: RoomListKind;
  /** `site`: a kick locks the user out of the whole site, not just the room (iFlyChat, 15 minutes). */
  kickScope: 'room' | 'site';
}

export interface VendorClient {
  readonly vendor: VendorName;
  readonly capabilities: ReadonlySet<Operation>;
  readonly createKey: CreateKey;
  readonly traits: VendorTraits;

  /** A cheap authenticated read proving the account is reachable (for `roomops check`). */
  ping(): Promise<void>;

  createRoom(key: string, settings: Settings): Promise<Room>;
  listRooms(page: PageRequest): Promise<Page<Room>>;
  getRooms(ids: readonly string[]): Promise<ItemOutcome<Room>[]>;
  updateRoom(id: string, settings: Settings): Promise<Room>;
  deleteRooms(ids: readonly string[]): Promise<ItemOutcome<true>[]>;
  setStatus(id: string, status: RoomStatus): Promise<Room>;
  setVoice(id: string, on: boolean): Promise<Room>;
  setMuteAll(id: string, on: boolean): Promise<Room>;
  /**
   * Per room, whether everyone is muted now; `undefined` when the vendor's
   * answer does not say (Agora reports `mute` on some rooms only).
   */
  getMuteAll(ids: readonly string[]): Promise<ItemOutcome<boolean | undefined>[]>;
  setKeepAlive(id: string, on: boolean): Promise<Room>;
  getAnnouncement(id: string): Promise<Announcement>;
  setAnnouncement(id: string, text: string): Promise<Announcement>;
  listMembers(id: string, page: PageRequest): Promise<Page<Member>>;
  addMembers(id: string, users: readonly string[]): Promise<ItemOutcome<true>[]>;
  removeMembers(id: string, users: readonly string[]): Promise<ItemOutcome<true>[]>;
  kick(id: string, user: string, settings: Settings): Promise<KickResult>;
  history(id: string, request: HistoryRequest): Promise<HistoryMessage[]>;

  /** Releases pooled connections. */
  close(): Promise<void>;
}
