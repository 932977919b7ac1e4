/**
 * Keep-alive: rooms never auto-destroyed (shared/vendors/rongcloud.md §5.6):
 * 1015 (HTTP 200) when removing a room that is not kept alive, 1016 (HTTP 403)
 * past the app's limit.
 */
import { RC_CODES } from '../../../vendors/rongcloud/codes.js';
import type { Route } from '../../kit/types.js';
import { type EndpointContext, endpoint } from '../endpoint.js';
import { RcFailure, rcOk } from '../replies.js';
import { roomOf } from './lookup.js';

export function keepAliveRoutes(context: EndpointContext): Route[] {
  return [
    endpoint(context, '/chatroom/keepalive/add.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      if (!state.keepAlive.has(room.chatroomId) && state.keepAlive.size >= state.keepAliveLimit) {
        throw new RcFailure(RC_CODES.keepAliveTooMany, 'too many keep-alive chatrooms');
      }
      state.keepAlive.add(room.chatroomId);
      return rcOk();
    }),
    endpoint(context, '/chatroom/keepalive/remove.json', (fields, state) => {
      const chatroomId = fields.chatroomId();
      if (!state.keepAlive.delete(chatroomId)) {
        throw new RcFailure(RC_CODES.keepAliveMissing, 'keep-alive chatroom does not exist');
      }
      return rcOk();
    }),
    endpoint(
      context,
      '/chatroom/keepalive/query.json',
      (_fields, state) => rcOk({ chatroomIds: [...state.keepAlive] }),
      {
        emptyBodyOk: true,
      },
    ),
  ];
}
