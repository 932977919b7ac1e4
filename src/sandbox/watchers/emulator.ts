/**
 * A local Watchers.io: the external Room API, the premade room list, bans and
 * message posting, with the vendor's two-header auth, NestJS-shaped answers
 * and a per-endpoint rate limit (undocumented by the vendor: 20/s here).
 * Facts and conventions: shared/vendors/watchers.md.
 */
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { defineEmulator, type EmulatorHandle, type EmulatorOptions } from '../kit/define-emulator.js';
import type { WatchersCredentials } from './auth.js';
import { rateLimited, serverError, unknownPath } from './replies.js';
import { messageRoutes } from './routes/messages.js';
import { moderationRoutes } from './routes/moderation.js';
import { premadeRoutes } from './routes/premade.js';
import { roomRoutes } from './routes/rooms.js';
import { seedRooms } from './seed.js';
import { WatchersState } from './state.js';

export const WATCHERS_EMULATOR_RATE_LIMIT = 20;

export type WatchersEmulatorOptions = EmulatorOptions<WatchersCredentials>;
/** `rooms` are keyed by the caller's `roomId` (`externalRoomId`). */
export type WatchersEmulator = EmulatorHandle<WatchersState, WatchersCredentials>;

export const createWatchersEmulator = defineEmulator<WatchersState, WatchersCredentials>({
  name: 'watchers',
  defaultCredentials: () => ({ ...SANDBOX_CREDENTIALS.watchers }),
  defaultRateLimitPerSecond: WATCHERS_EMULATOR_RATE_LIMIT,
  createState: ({ now, seed }) => {
    const state = new WatchersState(now);
    if (seed) seedRooms(state);
    return state;
  },
  routes: (state, { credentials }) => {
    const ctx = { state, credentials };
    return [...roomRoutes(ctx), ...premadeRoutes(ctx), ...moderationRoutes(ctx), ...messageRoutes(ctx)];
  },
  rateLimited,
  serverError,
  notFound: unknownPath,
});
