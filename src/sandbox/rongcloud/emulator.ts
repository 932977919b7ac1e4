/**
 * A faithful local RongCloud Server API (chatroom part) for the sandbox and
 * the tests: signed requests checked as the service does, form bodies with
 * repeated keys, RongCloud's success and error shapes and HTTP statuses,
 * 100 requests/s per endpoint answered 429 / code 1008, rooms in memory with
 * auto-destruction and keep-alive.
 *
 * Conventions where the service's behaviour is unconfirmed (written down in
 * docs/vendors/rongcloud.md): 23410 for every room-scoped call on an unknown
 * room; 200 for create_new on an existing id and destroy of unknown ids;
 * `Retry-After` on 429; 404 `{"code":404,…}` for an unknown path.
 */
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { defineEmulator, type EmulatorHandle, type EmulatorOptions } from '../kit/define-emulator.js';
import type { RongcloudAppCredentials } from './auth.js';
import { rcError } from './replies.js';
import { chatroomRoutes } from './routes/chatroom.js';
import { keepAliveRoutes } from './routes/keepalive.js';
import { memberRoutes } from './routes/members.js';
import { muteRoutes } from './routes/mute.js';
import { seedRongcloud } from './seed.js';
import { RongcloudState } from './state.js';

/** RongCloud's documented limit: 100 requests per second per endpoint. */
export const RONGCLOUD_RATE_LIMIT = 100;

export type RongcloudEmulatorOptions = EmulatorOptions<RongcloudAppCredentials>;
export type RongcloudEmulator = EmulatorHandle<RongcloudState, RongcloudAppCredentials> & RongcloudViews;

interface RongcloudViews {
  /** Signature headers of every request that passed the check, in order. */
  signedRequests: RongcloudState['signedRequests'];
}

export const createRongcloudEmulator = defineEmulator<
  RongcloudState,
  RongcloudAppCredentials,
  RongcloudViews
>({
  name: 'rongcloud',
  defaultCredentials: () => ({ ...SANDBOX_CREDENTIALS.rongcloud }),
  defaultRateLimitPerSecond: RONGCLOUD_RATE_LIMIT,
  createState: ({ now, seed }) => {
    const state = new RongcloudState(now);
    if (seed) seedRongcloud(state);
    return state;
  },
  routes: (state, { credentials }) => {
    const context = { state, credentials };
    return [
      ...chatroomRoutes(context),
      ...memberRoutes(context),
      ...muteRoutes(context),
      ...keepAliveRoutes(context),
    ];
  },
  views: (state) => ({ signedRequests: state.signedRequests }),
  rateLimited: (retryAfter) => {
    const reply = rcError(1008, 'Too Many Requests.');
    return { ...reply, headers: { 'Retry-After': String(retryAfter) } };
  },
  serverError: (status) =>
    status === 504
      ? rcError(1050, 'Internal service timeout.', undefined, 504)
      : rcError(1000, 'Internal Server Error.', undefined, status),
  notFound: (req) => rcError(404, 'Not Found.', req.path, 404),
});
