/**
 * `POST /external/ban` — ban (`value: true`) or unban a user app-wide
 * (`IN_APP`) or in one room (`IN_ROOM`, `roomId` required)
 * (docs.watchers.io banunban-api). `expires` is accepted in the page's
 * `2024-12-31 05:33:32` form (read as UTC) and in ISO 8601 UTC. The response
 * is undocumented: 201 with `true`, like the moderator endpoint (convention).
 */
import type { Route } from '../../kit/types.js';
import { badRequest, created, roomNotFound } from '../replies.js';
import { Checker, parseLegacyOrIso, readJsonBody } from '../validate.js';
import { external, type RouteContext } from './context.js';

const BAN_TYPES = ['IN_APP', 'IN_ROOM'] as const;

export function moderationRoutes(ctx: RouteContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: 'POST',
      pattern: '/external/ban',
      handler: external(ctx, (req) => {
        const read = readJsonBody(req);
        if ('error' in read) return read.error;
        const check = new Checker(read.body);
        check.onlyFields(['userId', 'value', 'type', 'roomId', 'expires', 'reason', 'description']);
        const userId = check.requiredString('userId');
        const value = check.strictBoolean('value');
        const type = check.oneOf('type', BAN_TYPES, true);
        const roomId = check.optionalString('roomId');
        const expires = check.optionalTime('expires', parseLegacyOrIso);
        const reason = check.optionalIntegerIn('reason', 0, 8);
        const description = check.optionalString('description');
        if (type === 'IN_ROOM' && !roomId) check.messages.push('roomId should not be empty');
        if (check.failed || userId === undefined || value === undefined || type === undefined) {
          return badRequest(check.messages);
        }
        const room = type === 'IN_ROOM' ? (roomId ?? '') : null;
        if (room !== null && !state.rooms.has(room)) return roomNotFound();
        state.setBan(
          {
            userId,
            type,
            roomId: room,
            expires: expires ? expires.toISOString() : null,
            reason: reason ?? null,
            description: description ?? null,
            createdAt: state.nowIso(),
          },
          value,
        );
        return created(true);
      }),
    },
  ];
}
