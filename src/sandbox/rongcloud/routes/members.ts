/**
 * Members and per-user moderation: user/query, user(s)/exist, user/block/*
 * (shared/vendors/rongcloud.md §5.4, §5.5, §5.9).
 */
import type { Route } from '../../kit/types.js';
import { type EndpointContext, endpoint } from '../endpoint.js';
import { rcOk } from '../replies.js';
import { rongcloudTime } from '../state.js';
import { roomOf } from './lookup.js';

const BLOCK_MINUTES = { min: 1, max: 43_200 };

export function memberRoutes(context: EndpointContext): Route[] {
  return [
    endpoint(context, '/chatroom/user/query.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      // "more returns 500": a count above the cap is clamped, not refused.
      const count = Math.min(
        500,
        fields.int('count', { min: 1, max: Number.MAX_SAFE_INTEGER, required: true })!,
      );
      const order = fields.int('order', { min: 1, max: 2, required: true });
      const joined = [...room.members];
      if (order === 2) joined.reverse();
      return rcOk({
        total: room.members.size,
        users: joined.slice(0, count).map(([id, at]) => ({ id, time: rongcloudTime(at) })),
      });
    }),

    endpoint(context, '/chatroom/user/exist.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      return rcOk({ isInChrm: room.members.has(fields.required('userId')) });
    }),

    endpoint(context, '/chatroom/users/exist.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      const users = fields.requiredList('userId', 1000);
      return rcOk({
        result: users.map((userId) => ({ userId, isInChrm: room.members.has(userId) ? 1 : 0 })),
      });
    }),

    endpoint(context, '/chatroom/user/block/add.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      const users = fields.requiredList('userId', 20);
      const minute = fields.int('minute', { ...BLOCK_MINUTES, required: true })!;
      fields.bool('needNotify');
      state.block(room, users, minute);
      return rcOk();
    }),

    endpoint(context, '/chatroom/user/block/rollback.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      for (const userId of fields.requiredList('userId', 20)) room.blocked.delete(userId);
      fields.bool('needNotify');
      return rcOk();
    }),

    endpoint(context, '/chatroom/user/block/list.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      // `time` is when the block ends.
      return rcOk({
        users: state.activeBlocks(room).map(([userId, until]) => ({ time: rongcloudTime(until), userId })),
      });
    }),
  ];
}
