/**
 * The sandbox's starting rooms: the same ids, settings and members at every
 * start (times are relative to the start, so nothing is born expired).
 * `lobby` is kept alive, `support-1` is muted with an exception for its agent,
 * `launch-42` is a fixed-time (7-day) launch room.
 */
import type { RongcloudState } from './state.js';

const MINUTE = 60_000;

export function seedRongcloud(state: RongcloudState): void {
  const start = state.now();

  const lobby = state.create('lobby', { destroyType: 0, destroyTime: 60, createTime: start - 180 * MINUTE });
  state.keepAlive.add(lobby.chatroomId);
  joinAll(state, 'lobby', ['alice', 'bob', 'carol', 'dave'], start - 120 * MINUTE);

  state.create('support-1', {
    destroyType: 0,
    destroyTime: 1440,
    ban: true,
    muteExceptions: ['agent-ana'],
    createTime: start - 60 * MINUTE,
  });
  joinAll(state, 'support-1', ['agent-ana', 'customer-1001', 'customer-1002'], start - 45 * MINUTE);

  state.create('launch-42', { destroyType: 1, destroyTime: 10_080, createTime: start - 30 * MINUTE });
  joinAll(
    state,
    'launch-42',
    ['host-kim', 'fan-01', 'fan-02', 'fan-03', 'fan-04', 'fan-05'],
    start - 20 * MINUTE,
  );

  // Joins count as activity; the rooms were last active at the start.
  for (const room of state.rooms.values()) room.lastActive = start;
}

/** Joins one user per minute from `from`, so join order (and `order=1|2`) is well defined. */
function joinAll(state: RongcloudState, chatroomId: string, users: readonly string[], from: number): void {
  users.forEach((user, i) => {
    state.join(chatroomId, user, from + i * MINUTE);
  });
}
