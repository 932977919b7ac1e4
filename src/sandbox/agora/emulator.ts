/**
 * A faithful local Agora Chat REST API (chat rooms part) on the shared
 * emulator kit: AccessToken2 verification from the App Certificate, the
 * `/{org}/{app}` prefix, JSON-only bodies, the Easemob envelope and error
 * body, a user registry, and 50 requests/s per endpoint answered 429
 * `reach_limit` (agora.md §1, §4).
 */

import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { EmulatorServer } from '../kit/emulator-server.js';
import type { EmulatorRequest, EmulatorResponse } from '../kit/types.js';
import { failure, rateLimited, serverError } from './envelope.js';
import { type AgoraAppCredentials, makeGuard, unknownApp } from './guard.js';
import { memberRoutes } from './routes-members.js';
import { roomRoutes } from './routes-rooms.js';
import { AgoraState } from './state.js';

export interface AgoraEmulatorOptions {
  /** Requests per second per endpoint (the vendor's smallest limit, 50, by default). */
  rateLimitPerSecond?: number;
  /** Start with the sandbox users and rooms (default true). */
  seed?: boolean;
  credentials?: AgoraAppCredentials;
  /** Clock in seconds for token expiry checks (tests). */
  nowSeconds?: () => number;
}

export interface AgoraEmulator {
  server: EmulatorServer;
  state: AgoraState;
  /** Room records by id. */
  rooms: AgoraState['rooms'];
  /** Registered usernames. */
  users: AgoraState['users'];
  credentials: AgoraAppCredentials;
  /** The last 100 app tokens accepted, in order (issue time, lifetime, salt). */
  tokensSeen: Array<{ issueTs: number; expire: number; salt: number }>;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export const DEFAULT_AGORA_RATE_LIMIT = 50;

export function createAgoraEmulator(options: AgoraEmulatorOptions = {}): AgoraEmulator {
  const credentials = options.credentials ?? { ...SANDBOX_CREDENTIALS.agora };
  const state = new AgoraState({ seed: options.seed ?? true });
  const tokensSeen: AgoraEmulator['tokensSeen'] = [];
  const guard = makeGuard({
    onAccepted: ({ issueTs, expire, salt }) => {
      tokensSeen.push({ issueTs, expire, salt });
      // Bounded: the sandbox may run for days.
      if (tokensSeen.length > 100) tokensSeen.shift();
    },
    credentials,
    nowSeconds: options.nowSeconds ?? (() => Math.floor(Date.now() / 1000)),
  });
  const routes = [...roomRoutes(state, guard), ...memberRoutes(state, guard)];
  const patterns = routes.map((r) => patternRegex(r.pattern));

  const notFound = (req: EmulatorRequest): EmulatorResponse => {
    const [org = '', app = ''] = req.path.split('/').filter(Boolean);
    if (org !== credentials.orgName || app !== credentials.appName) return unknownApp(org, app);
    // A known resource with the wrong verb: Easemob answers 500 unsupported_service_operation (agora.md §1 status table).
    if (patterns.some((re) => re.test(req.path))) {
      return failure(500, 'unsupported_service_operation', `${req.method} is not supported on ${req.path}`);
    }
    return failure(404, 'service_resource_not_found', `Service resource not found: ${req.path}`);
  };

  const server = new EmulatorServer({
    name: 'agora',
    routes,
    rateLimitPerSecond: options.rateLimitPerSecond ?? DEFAULT_AGORA_RATE_LIMIT,
    rateLimited,
    serverError,
    notFound,
  });

  return {
    server,
    state,
    rooms: state.rooms,
    users: state.users,
    credentials,
    tokensSeen,
    start: (port?: number) => server.start(port),
    stop: () => server.stop(),
  };
}

function patternRegex(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}
