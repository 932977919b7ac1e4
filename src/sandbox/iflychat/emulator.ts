/**
 * A faithful local iFlyChat REST API v1.1 (shared/vendors/iflychat.md): every
 * endpoint POST under `/api/1.1`, the private `api_key` in a JSON, urlencoded
 * or multipart body, the vendor's success shapes, and the emulator's written
 * error convention (`{"error":"…"}`; 403 bad key, 404 unknown room, 400
 * missing field). iFlyChat documents no rate limit, so none applies unless
 * `rateLimitPerSecond` is given.
 */
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { defineEmulator, type EmulatorHandle, type EmulatorOptions } from '../kit/define-emulator.js';
import { notFound, rateLimited, serverError } from './replies.js';
import { roomRoutes } from './routes/rooms.js';
import { threadRoutes } from './routes/threads.js';
import { userRoutes } from './routes/users.js';
import { seedState } from './seed.js';
import { IflychatState } from './state.js';

export interface IflychatCredentials {
  apiKey: string;
}

export type IflychatEmulatorOptions = EmulatorOptions<IflychatCredentials>;
export type IflychatEmulator = EmulatorHandle<IflychatState, IflychatCredentials>;

export const createIflychatEmulator = defineEmulator<IflychatState, IflychatCredentials>({
  name: 'iflychat',
  defaultCredentials: () => ({ ...SANDBOX_CREDENTIALS.iflychat }),
  createState: ({ now, seed }) => {
    const state = new IflychatState(now);
    if (seed) seedState(state);
    return state;
  },
  routes: (state, { credentials: { apiKey } }) => [
    ...roomRoutes(state, apiKey),
    ...userRoutes(state, apiKey),
    ...threadRoutes(state, apiKey),
  ],
  rateLimited,
  serverError,
  notFound,
});
