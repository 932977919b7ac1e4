/**
 * A local Watchers.io: the external Room API, the premade room list, bans and
 * message posting, with the vendor's two-header auth, NestJS-shaped answers
 * and a per-endpoint rate limit (undocumented by the vendor: 20/s here).
 * Facts and conventions: shared/vendors/watchers.md.
 */
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { EmulatorServer } from '../kit/emulator-server.js';
import type { WatchersCredentials } from './auth.js';
import { rateLimited, serverError, unknownPath } from './replies.js';
import { messageRoutes } from './routes/messages.js';
import { moderationRoutes } from './routes/moderation.js';
import { premadeRoutes } from './routes/premade.js';
import { roomRoutes } from './routes/rooms.js';
import { seedRooms } from './seed.js';
import { WatchersState } from './state.js';

export const WATCHERS_EMULATOR_RATE_LIMIT = 20;

export interface WatchersEmulatorOptions {
  /** Requests per second per endpoint (default 20); 0 disables the limit. */
  rateLimitPerSecond?: number;
  /** Start with the sandbox rooms (default true). */
  seed?: boolean;
  credentials?: WatchersCredentials;
  /** Clock for scheduled `startTime`/`endTime` transitions (ms since epoch). */
  now?: () => number;
}

export interface WatchersEmulator {
  server: EmulatorServer;
  state: WatchersState;
  /** Rooms by the caller's `roomId` (`externalRoomId`). */
  rooms: WatchersState['rooms'];
  credentials: WatchersCredentials;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export function createWatchersEmulator(options: WatchersEmulatorOptions = {}): WatchersEmulator {
  const credentials = options.credentials ?? { ...SANDBOX_CREDENTIALS.watchers };
  const state = new WatchersState(options.now);
  if (options.seed ?? true) seedRooms(state);
  const ctx = { state, credentials };
  const rateLimitPerSecond = options.rateLimitPerSecond ?? WATCHERS_EMULATOR_RATE_LIMIT;
  const server = new EmulatorServer({
    name: 'watchers',
    routes: [...roomRoutes(ctx), ...premadeRoutes(ctx), ...moderationRoutes(ctx), ...messageRoutes(ctx)],
    ...(rateLimitPerSecond > 0 ? { rateLimitPerSecond } : {}),
    rateLimited,
    serverError,
    notFound: unknownPath,
  });
  return {
    server,
    state,
    rooms: state.rooms,
    credentials,
    start: (port = 0) => server.start(port),
    stop: () => server.stop(),
  };
}
