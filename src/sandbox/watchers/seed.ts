/**
 * The sandbox's starting rooms: the same every start, one per status a room
 * can be listed or inspected in, so every command has something to act on.
 */
import type { WatchersRoom, WatchersState, WatchersStatus } from './state.js';

type SeedRoom = Omit<WatchersRoom, 'id' | 'status'> & { status: WatchersStatus };

const blank = {
  isSpeak: false,
  autoRecord: false,
  pic: null,
  pic96: null,
  pic128: null,
  pic800: null,
  isCreatedByAdmin: true,
  isSlowmode: false,
  slowmodeDelayMS: 0,
  record: null,
  streamUrl: null,
  sourceUrl: null,
  embedUrl: null,
  streamStartTime: null,
  streamEndTime: null,
} as const;

export const SEED_ROOMS: readonly SeedRoom[] = [
  {
    ...blank,
    externalRoomId: 'concert-live',
    status: 'LIVE',
    name: 'Concert Live',
    about: 'Live chat for the summer concert stream',
    isSpeak: true,
    startTime: '2025-06-20T19:00:00.000Z',
    endTime: null,
    createdAt: '2025-06-01T10:00:00.000Z',
    sourceUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    embedUrl: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
  },
  {
    ...blank,
    externalRoomId: 'match-day',
    status: 'SOON',
    name: 'Match Day',
    about: 'Pre-match build-up and live commentary',
    startTime: '2030-05-25T18:00:00.000Z',
    endTime: '2030-05-25T21:00:00.000Z',
    createdAt: '2025-06-02T10:00:00.000Z',
  },
  {
    ...blank,
    externalRoomId: 'quiz-night',
    status: 'ENDED',
    name: 'Quiz Night',
    about: 'Weekly pub quiz (finished)',
    startTime: '2025-01-09T19:00:00.000Z',
    endTime: '2025-01-09T21:00:00.000Z',
    createdAt: '2025-01-02T10:00:00.000Z',
  },
];

export function seedRooms(state: WatchersState): void {
  for (const { status, ...fields } of SEED_ROOMS) state.addRoom(fields, status);
}
