/**
 * Mute everyone and its exceptions: ban/*, user/ban/whitelist/*
 * (shared/vendors/rongcloud.md §5.8).
 */
import type { Route } from '../../kit/types.js';
import { type EndpointContext, endpoint } from '../endpoint.js';
import { rcOk } from '../replies.js';
import { roomOf } from './lookup.js';

export function muteRoutes(context: EndpointContext): Route[] {
  const setBan = (on: boolean) =>
    endpoint(context, on ? '/chatroom/ban/add.json' : '/chatroom/ban/rollback.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      fields.bool('needNotify');
      room.ban = on;
      return rcOk();
    });
  const setExceptions = (add: boolean) =>
    endpoint(
      context,
      add ? '/chatroom/user/ban/whitelist/add.json' : '/chatroom/user/ban/whitelist/rollback.json',
      (fields, state) => {
        const room = roomOf(state, fields.chatroomId());
        for (const userId of fields.requiredList('userId', 20)) {
          if (add) room.muteExceptions.add(userId);
          else room.muteExceptions.delete(userId);
        }
        fields.bool('needNotify');
        return rcOk();
      },
    );

  return [
    setBan(true),
    setBan(false),
    endpoint(context, '/chatroom/ban/check.json', (fields, state) =>
      rcOk({ status: roomOf(state, fields.chatroomId()).ban ? 1 : 0 }),
    ),
    endpoint(
      context,
      '/chatroom/ban/query.json',
      (fields, state) => {
        const size = fields.int('size', { min: 1, max: 1000 }) ?? 50;
        const page = fields.int('page', { min: 1, max: Number.MAX_SAFE_INTEGER }) ?? 1;
        const muted = [...state.rooms.values()].filter((room) => room.ban).map((room) => room.chatroomId);
        return rcOk({ chatroomIds: muted.slice((page - 1) * size, page * size) });
      },
      { emptyBodyOk: true },
    ),
    setExceptions(true),
    setExceptions(false),
    endpoint(context, '/chatroom/user/ban/whitelist/query.json', (fields, state) =>
      rcOk({ userIds: [...roomOf(state, fields.chatroomId()).muteExceptions] }),
    ),
  ];
}
