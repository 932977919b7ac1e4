/**
 * The emulator's in-memory RongCloud app: chatrooms keyed by the caller's id,
 * their members, mute state and blocks, the keep-alive list, and RongCloud's
 * auto-destruction (shared/vendors/rongcloud.md §4) driven by an injectable
 * clock so tests can move time.
 */
import type { SignedHeaders } from './auth.js';

export interface Chatroom {
  chatroomId: string;
  /** ms since epoch */
  createTime: number;
  /** 0 destroy when idle, 1 destroy at a fixed time after creation */
  destroyType: 0 | 1;
  /** minutes */
  destroyTime: number;
  ban: boolean;
  muteExceptions: Set<string>;
  /** userId → join time (ms), in join order */
  members: Map<string, number>;
  /** userId → end of the block (ms) */
  blocked: Map<string, number>;
  /** last join, leave or message (ms): what "inactive" is measured from */
  lastActive: number;
  entryOwnerId?: string;
  entries: Record<string, string>;
}

export interface NewChatroom {
  destroyType?: 0 | 1;
  destroyTime?: number;
  ban?: boolean;
  muteExceptions?: readonly string[];
  entryOwnerId?: string;
  entries?: Record<string, string>;
  createTime?: number;
}

export const DEFAULT_DESTROY_MINUTES = 60;
/** Keep-alive rooms allowed per app by default (`keep-alive/add-to-keep-alive`). */
export const DEFAULT_KEEPALIVE_LIMIT = 5;

export class RongcloudState {
  readonly rooms = new Map<string, Chatroom>();
  readonly keepAlive = new Set<string>();
  keepAliveLimit = DEFAULT_KEEPALIVE_LIMIT;
  /** Signature headers of every request that passed the check, in order (tests check fresh nonces). */
  readonly signedRequests: Array<SignedHeaders & { path: string }> = [];

  constructor(readonly now: () => number = Date.now) {}

  create(chatroomId: string, options: NewChatroom = {}): Chatroom {
    const at = this.now();
    const room: Chatroom = {
      chatroomId,
      createTime: options.createTime ?? at,
      destroyType: options.destroyType ?? 0,
      destroyTime: options.destroyTime ?? DEFAULT_DESTROY_MINUTES,
      ban: options.ban ?? false,
      muteExceptions: new Set(options.muteExceptions ?? []),
      members: new Map(),
      blocked: new Map(),
      lastActive: at,
      entries: { ...(options.entries ?? {}) },
      ...(options.entryOwnerId ? { entryOwnerId: options.entryOwnerId } : {}),
    };
    this.rooms.set(chatroomId, room);
    return room;
  }

  /**
   * Destroys a room: members are dropped with it, and so are its mute-all
   * state and mute exceptions (`mute/ban-chatroom`); it leaves the keep-alive list.
   */
  destroy(chatroomId: string): boolean {
    this.keepAlive.delete(chatroomId);
    return this.rooms.delete(chatroomId);
  }

  /** A client-SDK join (the server API has none): refused for unknown rooms and blocked users. */
  join(chatroomId: string, userId: string, at = this.now()): boolean {
    const room = this.rooms.get(chatroomId);
    if (!room) return false;
    const blockedUntil = room.blocked.get(userId);
    if (blockedUntil !== undefined && blockedUntil > at) return false;
    if (!room.members.has(userId)) room.members.set(userId, at);
    room.lastActive = Math.max(room.lastActive, at);
    return true;
  }

  /** Removes users now and keeps them out for `minutes` (`chatroom/user/block/add.json`). */
  block(room: Chatroom, userIds: readonly string[], minutes: number): void {
    const at = this.now();
    for (const userId of userIds) {
      if (room.members.delete(userId)) room.lastActive = at;
      room.blocked.set(userId, at + minutes * 60_000);
    }
  }

  /** Users whose block has not ended yet. */
  activeBlocks(room: Chatroom): Array<[string, number]> {
    const at = this.now();
    return [...room.blocked].filter(([, until]) => until > at);
  }

  /**
   * Auto-destruction: type 0 after `destroyTime` minutes without activity,
   * type 1 `destroyTime` minutes after creation; kept-alive rooms never.
   * Run before every request, so a room the clock has passed is gone.
   */
  sweep(): string[] {
    const at = this.now();
    const destroyed: string[] = [];
    for (const room of this.rooms.values()) {
      if (this.keepAlive.has(room.chatroomId)) continue;
      const since = room.destroyType === 1 ? room.createTime : room.lastActive;
      if (at - since >= room.destroyTime * 60_000) destroyed.push(room.chatroomId);
    }
    for (const id of destroyed) this.destroy(id);
    return destroyed;
  }
}

/** RongCloud's member and block times: `YYYY-MM-DD HH:MM:SS`, UTC on the global data centers. */
export function rongcloudTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
