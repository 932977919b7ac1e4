/**
 * `GET /room/premade?apiKey=…` — the public list of rooms in `SOON` or `LIVE`,
 * sorted by `startTime` ascending, authenticated by the query key only
 * (docs.watchers.io list-livepremade-audio-streams-api). Rooms without a
 * `startTime` come last, oldest first (emulator convention).
 */
import type { Route } from '../../kit/types.js';
import { checkQueryKey } from '../auth.js';
import { ok } from '../replies.js';
import type { WatchersRoom } from '../state.js';
import type { RouteContext } from './context.js';

const startOf = (room: WatchersRoom) =>
  room.startTime ? Date.parse(room.startTime) : Number.POSITIVE_INFINITY;

export function premadeRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/room/premade',
      handler: (req) => {
        const refused = checkQueryKey(req, ctx.credentials);
        if (refused) return refused;
        ctx.state.applySchedules();
        const rooms = [...ctx.state.rooms.values()]
          .filter((room) => room.status === 'SOON' || room.status === 'LIVE')
          .sort((a, b) => startOf(a) - startOf(b) || a.createdAt.localeCompare(b.createdAt));
        return ok(rooms);
      },
    },
  ];
}
