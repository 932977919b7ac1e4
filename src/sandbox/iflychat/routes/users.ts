/**
 * User endpoints: `users/list` (online on the site), `room/{id}/users`
 * (online in one room — iFlyChat has no member list), and `user/{id}/kick`,
 * which is site-wide: the user leaves every room and is locked out of chat for
 * 15 minutes (shared/vendors/iflychat.md §2.4–2.6). Kick accepts any site user
 * id: user ids belong to the host site, not to iFlyChat.
 */
import type { Route } from '../../kit/types.js';
import { withApiKey } from '../auth.js';
import { ok, PATH_PREFIX, roomNotFound, success } from '../replies.js';
import type { IflychatState, SiteUser } from '../state.js';
import { existingRoomId } from './room-id.js';

const userList = (users: SiteUser[]) => ok({ users: users.map((u) => ({ ...u })), length: users.length });

export function userRoutes(state: IflychatState, apiKey: string): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/users/list`,
      handler: withApiKey(apiKey, () => userList(state.usersOnlineAnywhere())),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/room/:id/users`,
      handler: withApiKey(apiKey, (_body, req) => {
        const id = existingRoomId(state, req);
        if (id === undefined) return roomNotFound();
        return userList(state.usersOnlineIn(id));
      }),
    },
    {
      method: 'POST',
      pattern: `${PATH_PREFIX}/user/:id/kick`,
      handler: withApiKey(apiKey, (_body, req) => {
        state.kick(req.params.id ?? '');
        return success();
      }),
    },
  ];
}
