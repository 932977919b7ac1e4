import type { EmulatorRequest, EmulatorResponse, Handler } from '../../kit/types.js';
import { checkExternalAuth, type WatchersCredentials } from '../auth.js';
import type { WatchersState } from '../state.js';

export interface RouteContext {
  state: WatchersState;
  credentials: WatchersCredentials;
}

/** An `/external/*` handler: the guard runs before validation, as NestJS guards precede pipes. */
export function external(ctx: RouteContext, handler: (req: EmulatorRequest) => EmulatorResponse): Handler {
  return (req) => {
    const refused = checkExternalAuth(req, ctx.credentials);
    if (refused) return refused;
    ctx.state.applySchedules();
    return handler(req);
  };
}
