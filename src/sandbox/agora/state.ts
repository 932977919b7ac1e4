/**
 * The emulated Agora Chat app's data: a user registry (owners and members must
 * exist, agora.md §4.3) and the chat rooms, in memory. Room ids are
 * server-assigned numeric strings; the generator is deterministic so a seeded
 * sandbox looks the same at every start.
 */

export interface AgoraRoomRecord {
  id: string;
  name: string;
  description: string;
  owner: string;
  /** Members other than the owner, in joining order. */
  members: string[];
  maxusers: number;
  /** ms */
  created: number;
  custom: string;
  announcement: string;
  /** Mute-all state (`POST|DELETE …/ban`). */
  mute: boolean;
}

/** Real ids are ~15-digit numbers spaced 2^20 apart (agora.md §2.2 example). */
const FIRST_ROOM_ID = 212126098587649;
const ROOM_ID_STEP = 1_048_576;

export const DEFAULT_MAXUSERS = 1000;

export const SEED_USERS = ['alice', 'bob', 'carol', 'dave', 'ops-bot'] as const;

interface SeedRoom {
  name: string;
  description: string;
  owner: string;
  members: string[];
  maxusers: number;
  created: string;
  announcement: string;
}

const SEED_ROOMS: SeedRoom[] = [
  {
    name: 'Town hall',
    description: 'Monthly all-hands Q&A',
    owner: 'alice',
    members: ['bob', 'carol'],
    maxusers: 500,
    created: '2025-01-06T09:00:00Z',
    announcement: 'Questions open 30 minutes before the stream.',
  },
  {
    name: 'Support',
    description: 'Ask the ops team',
    owner: 'ops-bot',
    members: [],
    maxusers: 1000,
    created: '2025-01-07T09:00:00Z',
    announcement: '',
  },
  {
    name: 'Beta testers',
    description: 'Early builds and feedback',
    owner: 'carol',
    members: ['dave'],
    maxusers: 200,
    created: '2025-01-08T09:00:00Z',
    announcement: '',
  },
];

export class AgoraState {
  readonly users = new Set<string>();
  readonly rooms = new Map<string, AgoraRoomRecord>();
  /** The last 100 app tokens accepted, in order (issue time, lifetime, salt): tests check renewal. */
  readonly tokensSeen: Array<{ issueTs: number; expire: number; salt: number }> = [];
  private nextId = FIRST_ROOM_ID;

  constructor(options: { seed?: boolean } = {}) {
    if (options.seed ?? true) this.seed();
  }

  noteToken({ issueTs, expire, salt }: { issueTs: number; expire: number; salt: number }): void {
    this.tokensSeen.push({ issueTs, expire, salt });
    // Bounded: the sandbox may run for days.
    if (this.tokensSeen.length > 100) this.tokensSeen.shift();
  }

  addUser(username: string): void {
    this.users.add(username);
  }

  createRoom(
    input: Omit<AgoraRoomRecord, 'id' | 'created' | 'announcement' | 'mute'> & { created?: number },
  ): AgoraRoomRecord {
    const id = String(this.nextId);
    this.nextId += ROOM_ID_STEP;
    const room: AgoraRoomRecord = {
      id,
      name: input.name,
      description: input.description,
      owner: input.owner,
      members: [...input.members],
      maxusers: input.maxusers,
      created: input.created ?? Date.now(),
      custom: input.custom,
      announcement: '',
      mute: false,
    };
    this.rooms.set(id, room);
    return room;
  }

  /** Newest created first (agora.md §2.2); ids grow with creation, so they break ties. */
  roomsNewestFirst(): AgoraRoomRecord[] {
    return [...this.rooms.values()].sort((a, b) => b.created - a.created || Number(b.id) - Number(a.id));
  }

  isMember(room: AgoraRoomRecord, username: string): boolean {
    return room.owner === username || room.members.includes(username);
  }

  /** Owner plus members. */
  headcount(room: AgoraRoomRecord): number {
    return 1 + room.members.length;
  }

  private seed(): void {
    for (const user of SEED_USERS) this.users.add(user);
    for (const seed of SEED_ROOMS) {
      const room = this.createRoom({
        name: seed.name,
        description: seed.description,
        owner: seed.owner,
        members: seed.members,
        maxusers: seed.maxusers,
        custom: '',
        created: Date.parse(seed.created),
      });
      room.announcement = seed.announcement;
    }
  }
}
