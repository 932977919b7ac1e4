/**
 * The emulator's in-memory world: created rooms (ids from 1 upward, `0`
 * reserved for the built-in public room, which `rooms/list` does not show —
 * the vendor file's inference), the site's users and who is online in which
 * room, thread history, and site-wide kick lockouts per user id.
 */
export const PUBLIC_ROOM_ID = 0;
export const PUBLIC_ROOM_NAME = 'Public Chatroom';
/** iFlyChat's kick locks the user out of chat site-wide for 15 minutes. */
export const KICK_LOCKOUT_MINUTES = 15;

export interface StoredRoom {
  room_id: number;
  room_name: string;
  room_role: string;
  room_private: '0' | '1';
  room_moderate: '0' | '1';
}

export interface SiteUser {
  user_id: string;
  user_name: string;
  user_role: string;
  user_status: string;
  user_avatar_url: string;
  user_profile_url: string;
}

/** One stored message; `time` is in seconds as the vendor returns it. */
export interface StoredMessage {
  message_id: string;
  time: number;
  from_id: string;
  from_name: string;
  message: string;
  /** Room messages carry the room; pair messages the other user. */
  room_id?: number;
  to_id?: string;
  to_name?: string;
  picture_url?: string;
  profile_url?: string;
}

export class IflychatState {
  readonly rooms = new Map<number, StoredRoom>();
  readonly users = new Map<string, SiteUser>();
  /** Room id → ids of users online in it. */
  readonly online = new Map<number, Set<string>>();
  readonly messages: StoredMessage[] = [];
  /** User id → epoch ms until which the user is locked out of chat. */
  readonly lockouts = new Map<string, number>();
  private nextRoomId = 1;

  constructor(readonly now: () => number = Date.now) {}

  roomExists(id: number): boolean {
    return id === PUBLIC_ROOM_ID || this.rooms.has(id);
  }

  roomName(id: number): string {
    return id === PUBLIC_ROOM_ID ? PUBLIC_ROOM_NAME : (this.rooms.get(id)?.room_name ?? '');
  }

  createRoom(fields: Omit<StoredRoom, 'room_id'>): StoredRoom {
    const room: StoredRoom = { room_id: this.nextRoomId++, ...fields };
    this.rooms.set(room.room_id, room);
    return room;
  }

  deleteRoom(id: number): boolean {
    this.online.delete(id);
    // Whether iFlyChat also drops the room's history is unconfirmed; the
    // emulator keeps it, as `threads/delete` is a separate endpoint.
    return this.rooms.delete(id);
  }

  setOnline(roomId: number, user: SiteUser): void {
    this.users.set(user.user_id, user);
    let set = this.online.get(roomId);
    if (!set) {
      set = new Set();
      this.online.set(roomId, set);
    }
    set.add(user.user_id);
  }

  usersOnlineIn(roomId: number): SiteUser[] {
    return [...(this.online.get(roomId) ?? [])]
      .map((id) => this.users.get(id))
      .filter((u): u is SiteUser => !!u);
  }

  usersOnlineAnywhere(): SiteUser[] {
    const ids = new Set<string>();
    for (const set of this.online.values()) for (const id of set) ids.add(id);
    return [...ids].map((id) => this.users.get(id)).filter((u): u is SiteUser => !!u);
  }

  /** Site-wide: the user leaves every room and may not chat for 15 minutes. */
  kick(userId: string): void {
    for (const set of this.online.values()) set.delete(userId);
    this.lockouts.set(userId, this.now() + KICK_LOCKOUT_MINUTES * 60_000);
  }

  isLockedOut(userId: string): boolean {
    const until = this.lockouts.get(userId);
    return until !== undefined && until > this.now();
  }

  addRoomMessage(
    roomId: number,
    from: { id: string; name: string },
    text: string,
    extra: Partial<StoredMessage> = {},
  ): StoredMessage {
    const ms = this.now();
    const message: StoredMessage = {
      message_id: `m_${from.id}_c-${roomId}_${ms}`,
      time: Math.floor(ms / 1000),
      from_id: from.id,
      from_name: from.name,
      message: text,
      room_id: roomId,
      ...extra,
    };
    this.messages.push(message);
    return message;
  }
}
