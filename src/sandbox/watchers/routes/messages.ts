/**
 * `POST /external/message/send` — post a message into a room as a given user
 * (docs.watchers.io send-message-via-api, newer revision): all three fields
 * non-empty strings (400 otherwise); the answer is the full message object
 * with its `user`, `room` and `talker` relations.
 */
import type { Route } from '../../kit/types.js';
import { badRequest, created, roomNotFound } from '../replies.js';
import { Checker, readJsonBody } from '../validate.js';
import { external, type RouteContext } from './context.js';

export function messageRoutes(ctx: RouteContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: 'POST',
      pattern: '/external/message/send',
      handler: external(ctx, (req) => {
        const read = readJsonBody(req);
        if ('error' in read) return read.error;
        const check = new Checker(read.body);
        check.onlyFields(['userId', 'roomId', 'text']);
        const userId = check.requiredString('userId');
        const roomId = check.requiredString('roomId');
        const text = check.requiredString('text');
        if (check.failed || userId === undefined || roomId === undefined || text === undefined) {
          return badRequest(check.messages);
        }
        const room = state.rooms.get(roomId);
        if (!room) return roomNotFound();
        const user = state.userFor(userId);
        const { userId: _u, roomId: _r, ...message } = state.addMessage(userId, roomId, text);
        return created({
          ...message,
          user: { id: user.id, externalId: user.externalId, name: user.name },
          room: { id: room.id, externalRoomId: room.externalRoomId, name: room.name, status: room.status },
          talker: { id: user.id, role: 'GUEST', isModer: false },
        });
      }),
    },
  ];
}
