/**
 * A faithful local iFlyChat REST API v1.1 (shared/vendors/iflychat.md): every
 * endpoint POST under `/api/1.1`, the private `api_key` in a JSON, urlencoded
 * or multipart body, the vendor's success shapes, and the emulator's written
 * error convention (`{"error":"…"}`; 403 bad key, 404 unknown room, 400
 * missing field). iFlyChat documents no rate limit, so none applies unless
 * `rateLimitPerSecond` is given.
 */
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { EmulatorServer } from '../kit/emulator-server.js';
import { notFound, rateLimited, serverError } from './replies.js';
import { roomRoutes } from './routes/rooms.js';
import { threadRoutes } from './routes/threads.js';
import { userRoutes } from './routes/users.js';
import { seedState } from './seed.js';
import { IflychatState } from './state.js';

export interface IflychatEmulatorOptions {
  /** Requests per second per endpoint; unlimited when absent (iFlyChat documents none). */
  rateLimitPerSecond?: number;
  /** Start with the sandbox rooms, users and history (default true). */
  seed?: boolean;
  credentials?: { apiKey: string };
  /** Clock for timestamps and kick lockouts (epoch ms). */
  now?: () => number;
}

export interface IflychatEmulator {
  server: EmulatorServer;
  state: IflychatState;
  rooms: IflychatState['rooms'];
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export function createIflychatEmulator(options: IflychatEmulatorOptions = {}): IflychatEmulator {
  const apiKey = (options.credentials ?? SANDBOX_CREDENTIALS.iflychat).apiKey;
  const state = new IflychatState(options.now);
  if (options.seed ?? true) seedState(state);
  const server = new EmulatorServer({
    name: 'iflychat',
    routes: [...roomRoutes(state, apiKey), ...userRoutes(state, apiKey), ...threadRoutes(state, apiKey)],
    ...(options.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: options.rateLimitPerSecond } : {}),
    rateLimited,
    serverError,
    notFound,
  });
  return {
    server,
    state,
    rooms: state.rooms,
    start: (port?: number) => server.start(port),
    stop: () => server.stop(),
  };
}
