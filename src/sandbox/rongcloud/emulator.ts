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
import { EmulatorServer } from '../kit/emulator-server.js';
import type { RongcloudAppCredentials } from './auth.js';
import type { EndpointContext } from './endpoint.js';
import { rcError } from './replies.js';
import { chatroomRoutes } from './routes/chatroom.js';
import { keepAliveRoutes } from './routes/keepalive.js';
import { memberRoutes } from './routes/members.js';
import { muteRoutes } from './routes/mute.js';
import { seedRongcloud } from './seed.js';
import { type Chatroom, RongcloudState } from './state.js';

/** RongCloud's documented limit: 100 requests per second per endpoint. */
export const RONGCLOUD_RATE_LIMIT = 100;

export interface RongcloudEmulatorOptions {
  rateLimitPerSecond?: number;
  /** Start with the sandbox rooms (default true). */
  seed?: boolean;
  credentials?: RongcloudAppCredentials;
  /** Clock for creation, activity and auto-destruction (tests move it). */
  now?: () => number;
}

export interface RongcloudEmulator {
  server: EmulatorServer;
  state: RongcloudState;
  rooms: Map<string, Chatroom>;
  /** Signature headers of every request that passed the check, in order. */
  signedRequests: EndpointContext['signedRequests'];
  credentials: RongcloudAppCredentials;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export function createRongcloudEmulator(options: RongcloudEmulatorOptions = {}): RongcloudEmulator {
  const credentials = options.credentials ?? { ...SANDBOX_CREDENTIALS.rongcloud };
  const state = new RongcloudState(options.now);
  if (options.seed ?? true) seedRongcloud(state);
  const context: EndpointContext = { state, credentials, signedRequests: [] };

  const server = new EmulatorServer({
    name: 'rongcloud',
    routes: [
      ...chatroomRoutes(context),
      ...memberRoutes(context),
      ...muteRoutes(context),
      ...keepAliveRoutes(context),
    ],
    rateLimitPerSecond: options.rateLimitPerSecond ?? RONGCLOUD_RATE_LIMIT,
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

  return {
    server,
    state,
    rooms: state.rooms,
    signedRequests: context.signedRequests,
    credentials,
    start: (port?: number) => server.start(port ?? 0),
    stop: () => server.stop(),
  };
}
