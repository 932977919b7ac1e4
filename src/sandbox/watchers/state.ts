/**
 * The emulator's in-memory project: rooms keyed by the caller's `roomId`
 * (stored as `externalRoomId`, with an internal numeric `id`), bans, posted
 * messages and the users they created. Scheduled `startTime`/`endTime`
 * transitions are applied against an injectable clock before every request.
 */
export const WATCHERS_STATUSES = ['LIVE', 'SOON', 'ENDED', 'DISABLED'] as const;
export type WatchersStatus = (typeof WATCHERS_STATUSES)[number];

/** The room object, fields as the premade list returns them (docs.watchers.io list-livepremade-audio-streams-api). */
export interface WatchersRoom {
  id: number;
  externalRoomId: string;
  status: WatchersStatus;
  name: string;
  about: string;
  isSpeak: boolean;
  autoRecord: boolean;
  pic: string | null;
  pic96: string | null;
  pic128: string | null;
  pic800: string | null;
  isCreatedByAdmin: boolean;
  startTime: string | null;
  endTime: string | null;
  createdAt: string;
  isSlowmode: boolean;
  slowmodeDelayMS: number;
  record: string | null;
  streamUrl: string | null;
  sourceUrl: string | null;
  embedUrl: string | null;
  streamStartTime: string | null;
  streamEndTime: string | null;
}

export interface WatchersBan {
  userId: string;
  type: 'IN_APP' | 'IN_ROOM';
  roomId: string | null;
  expires: string | null;
  reason: number | null;
  description: string | null;
  createdAt: string;
}

export interface WatchersUser {
  id: number;
  externalId: string;
  name: string | null;
}

export interface WatchersMessage {
  id: number;
  text: string;
  type: 'USER';
  isVisible: boolean;
  isPinned: boolean;
  createdAt: string;
  userId: string;
  roomId: string;
}

/** One-shot scheduled transitions: each fires once when its time has passed. */
interface Schedule {
  startAt?: number;
  endAt?: number;
}

export class WatchersState {
  readonly rooms = new Map<string, WatchersRoom>();
  readonly bans: WatchersBan[] = [];
  readonly messages: WatchersMessage[] = [];
  readonly users = new Map<string, WatchersUser>();
  private readonly schedules = new Map<string, Schedule>();
  private nextRoomId = 101;
  private nextMessageId = 5001;
  private nextUserId = 1;

  constructor(readonly now: () => number = Date.now) {}

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /**
   * Adds a room. Status: `SOON` with a future `startTime`, else `LIVE`
   * (without `startTime` the vendor presumably starts it at once — emulator
   * convention, shared/vendors/watchers.md §1); an `explicitStatus` (seeding) wins.
   */
  addRoom(
    fields: Omit<WatchersRoom, 'id' | 'status' | 'createdAt'> & { createdAt?: string },
    explicitStatus?: WatchersStatus,
  ): WatchersRoom {
    const room: WatchersRoom = {
      ...fields,
      id: this.nextRoomId++,
      status: explicitStatus ?? 'SOON',
      createdAt: fields.createdAt ?? this.nowIso(),
    };
    this.rooms.set(room.externalRoomId, room);
    const schedule: Schedule = {};
    if (room.startTime) schedule.startAt = Date.parse(room.startTime);
    if (room.endTime) schedule.endAt = Date.parse(room.endTime);
    if (explicitStatus) {
      // A seeded status already reflects its times: only future transitions stay pending.
      if (schedule.startAt !== undefined && schedule.startAt <= this.now()) delete schedule.startAt;
      if (schedule.endAt !== undefined && schedule.endAt <= this.now()) delete schedule.endAt;
    } else if (schedule.startAt === undefined) {
      room.status = 'LIVE';
    }
    this.schedules.set(room.externalRoomId, schedule);
    this.applySchedules();
    return room;
  }

  removeRoom(roomId: string): boolean {
    this.schedules.delete(roomId);
    return this.rooms.delete(roomId);
  }

  /** SOON → LIVE at `startTime`; SOON/LIVE → ENDED at `endTime`. A manual status set does not cancel them. */
  applySchedules(): void {
    const now = this.now();
    for (const [roomId, schedule] of this.schedules) {
      const room = this.rooms.get(roomId);
      if (!room) continue;
      if (schedule.startAt !== undefined && schedule.startAt <= now) {
        delete schedule.startAt;
        if (room.status === 'SOON') room.status = 'LIVE';
      }
      if (schedule.endAt !== undefined && schedule.endAt <= now) {
        delete schedule.endAt;
        if (room.status === 'SOON' || room.status === 'LIVE') room.status = 'ENDED';
      }
    }
  }

  /** Users are created on first use, keyed by the app's own id (`externalId`). */
  userFor(externalId: string): WatchersUser {
    let user = this.users.get(externalId);
    if (!user) {
      user = { id: this.nextUserId++, externalId, name: null };
      this.users.set(externalId, user);
    }
    return user;
  }

  addMessage(userId: string, roomId: string, text: string): WatchersMessage {
    const message: WatchersMessage = {
      id: this.nextMessageId++,
      text,
      type: 'USER',
      isVisible: true,
      isPinned: false,
      createdAt: this.nowIso(),
      userId,
      roomId,
    };
    this.messages.push(message);
    return message;
  }

  /** `value: true` adds a ban; `value: false` lifts every matching one. */
  setBan(ban: WatchersBan, value: boolean): void {
    const matches = (b: WatchersBan) =>
      b.userId === ban.userId && b.type === ban.type && b.roomId === ban.roomId;
    for (let i = this.bans.length - 1; i >= 0; i--) if (matches(this.bans[i]!)) this.bans.splice(i, 1);
    if (value) this.bans.push(ban);
  }

  isBanned(userId: string, roomId: string): boolean {
    const now = this.now();
    return this.bans.some(
      (b) =>
        b.userId === userId &&
        (b.type === 'IN_APP' || b.roomId === roomId) &&
        (b.expires === null || Date.parse(b.expires) > now),
    );
  }
}
