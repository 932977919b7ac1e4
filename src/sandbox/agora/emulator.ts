/**
 * A faithful local Agora Chat REST API (chat rooms part) on the shared
 * emulator kit: AccessToken2 verification from the App Certificate, the
 * `/{org}/{app}` prefix, JSON-only bodies, the Easemob envelope and error
 * body, a user registry, and 50 requests/s per endpoint answered 429
 * `reach_limit` (agora.md §1, §4).
 */

import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { defineEmulator, type EmulatorHandle, type EmulatorOptions } from '../kit/define-emulator.js';
import { failure, rateLimited, serverError } from './envelope.js';
import { type AgoraAppCredentials, makeGuard, unknownApp } from './guard.js';
import { memberRoutes } from './routes-members.js';
import { roomRoutes } from './routes-rooms.js';
import { AgoraState } from './state.js';

export type AgoraEmulatorOptions = EmulatorOptions<AgoraAppCredentials>;
export type AgoraEmulator = EmulatorHandle<AgoraState, AgoraAppCredentials> & AgoraViews;

interface AgoraViews {
  /** Registered usernames. */
  users: AgoraState['users'];
  /** The last 100 app tokens accepted, in order (issue time, lifetime, salt). */
  tokensSeen: AgoraState['tokensSeen'];
}

export const DEFAULT_AGORA_RATE_LIMIT = 50;

export const createAgoraEmulator = defineEmulator<AgoraState, AgoraAppCredentials, AgoraViews>({
  name: 'agora',
  defaultCredentials: () => ({ ...SANDBOX_CREDENTIALS.agora }),
  defaultRateLimitPerSecond: DEFAULT_AGORA_RATE_LIMIT,
  createState: ({ seed }) => new AgoraState({ seed }),
  routes: (state, { credentials, now }) => {
    const guard = makeGuard({
      onAccepted: (token) => state.noteToken(token),
      credentials,
      // Token expiry is checked in whole seconds, as AccessToken2 carries them.
      nowSeconds: () => Math.floor(now() / 1000),
    });
    return [...roomRoutes(state, guard), ...memberRoutes(state, guard)];
  },
  views: (state) => ({ users: state.users, tokensSeen: state.tokensSeen }),
  rateLimited,
  serverError,
  notFound: (req, methods, { credentials }) => {
    const [org = '', app = ''] = req.path.split('/').filter(Boolean);
    if (org !== credentials.orgName || app !== credentials.appName) return unknownApp(org, app);
    // A known resource with the wrong verb: Easemob answers 500 unsupported_service_operation (agora.md §1 status table).
    if (methods.length > 0) {
      return failure(500, 'unsupported_service_operation', `${req.method} is not supported on ${req.path}`);
    }
    return failure(404, 'service_resource_not_found', `Service resource not found: ${req.path}`);
  },
});
