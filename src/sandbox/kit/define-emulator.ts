/**
 * The one shape of the four vendor emulators: the same options (seed,
 * credentials, rate limit, faults, clock) and the same handle (url, state,
 * request log, start/stop). A vendor supplies its state, its routes and its
 * own answers for rate limiting, 5xx faults and unknown paths.
 */
import { EmulatorServer, type EmulatorServerOptions } from './emulator-server.js';
import type { EmulatorRequest, EmulatorResponse, Fault, RecordedEmulatorRequest, Route } from './types.js';

export interface EmulatorOptions<Credentials> {
  /** Start with the sandbox data (default true). */
  seed?: boolean;
  /** What the emulator accepts (default: the sandbox credentials). */
  credentials?: Credentials;
  /** Requests per second per endpoint; 0 disables the limit; the vendor's own limit when absent. */
  rateLimitPerSecond?: number;
  /** Faults armed before the first request (more can be injected later). */
  faults?: Fault[];
  /** Clock in epoch milliseconds for timestamps, schedules and token expiry (tests move it). */
  now?: () => number;
}

export interface EmulatorHandle<State, Credentials> {
  readonly name: string;
  /** Fault injection, the request log and rate-limit counts. */
  readonly server: EmulatorServer;
  readonly state: State;
  /** The state's rooms (the map every test and the sandbox runtime look at). */
  readonly rooms: State extends { rooms: infer R } ? R : never;
  readonly credentials: Credentials;
  /** Base URL once started. */
  readonly url: string;
  /** Requests answered so far (method, path, time, status), oldest first. */
  readonly requests: readonly RecordedEmulatorRequest[];
  /** Listens on 127.0.0.1 (`port` 0 or absent: a free one) and returns the base URL. */
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

/** What the emulator's routes and state are built from. */
export interface EmulatorSetup<Credentials> {
  credentials: Credentials;
  seed: boolean;
  now: () => number;
}

export interface EmulatorDefinition<State, Credentials, Views extends object = object> {
  name: string;
  defaultCredentials: () => Credentials;
  /** The vendor's documented (or assumed) limit; absent when it has none. */
  defaultRateLimitPerSecond?: number;
  createState(setup: EmulatorSetup<Credentials>): State;
  routes(state: State, setup: EmulatorSetup<Credentials>): Route[];
  /** Shortcuts into the state a vendor's tests read often (Agora `users`, RongCloud `signedRequests`). */
  views?(state: State): Views;
  rateLimited: EmulatorServerOptions['rateLimited'];
  serverError: EmulatorServerOptions['serverError'];
  /** No route took the request; `methods` are those the path has (empty: unknown path). */
  notFound(req: EmulatorRequest, methods: string[], setup: EmulatorSetup<Credentials>): EmulatorResponse;
}

export type EmulatorFactory<State, Credentials, Views extends object = object> = (
  options?: EmulatorOptions<Credentials>,
) => EmulatorHandle<State, Credentials> & Views;

export function defineEmulator<State extends { rooms: unknown }, Credentials, Views extends object = object>(
  definition: EmulatorDefinition<State, Credentials, Views>,
): EmulatorFactory<State, Credentials, Views> {
  return (options = {}) => {
    const setup: EmulatorSetup<Credentials> = {
      credentials: options.credentials ?? definition.defaultCredentials(),
      seed: options.seed ?? true,
      now: options.now ?? Date.now,
    };
    const state = definition.createState(setup);
    const rateLimitPerSecond = options.rateLimitPerSecond ?? definition.defaultRateLimitPerSecond;
    const server = new EmulatorServer({
      name: definition.name,
      routes: definition.routes(state, setup),
      // 0 and absent both mean no limit (the server treats a falsy limit so).
      ...(rateLimitPerSecond ? { rateLimitPerSecond } : {}),
      rateLimited: definition.rateLimited,
      serverError: definition.serverError,
      notFound: (req, methods) => definition.notFound(req, methods, setup),
    });
    for (const fault of options.faults ?? []) server.injectFault(fault);
    const handle: EmulatorHandle<State, Credentials> = {
      name: definition.name,
      server,
      state,
      rooms: state.rooms as EmulatorHandle<State, Credentials>['rooms'],
      credentials: setup.credentials,
      get url() {
        return server.url;
      },
      get requests() {
        return server.log;
      },
      start: (port = 0) => server.start(port),
      stop: () => server.stop(),
    };
    return Object.assign(handle, definition.views?.(state) ?? ({} as Views));
  };
}
