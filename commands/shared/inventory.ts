/**
 * Keeping RoomOps' room inventory current as commands create, change and
 * delete rooms, so `list` can show rooms of vendors without a list API.
 */
import type { RunContext } from '../../src/core/command-spec.js';
import type { Room } from '../../src/vendors/types.js';

export async function rememberRoom(ctx: RunContext, room: Room): Promise<void> {
  const account = ctx.account!;
  await ctx.store.inventory.upsert(
    {
      account: account.name,
      vendor: account.vendor,
      roomId: room.id,
      ...(typeof room.name === 'string' ? { name: room.name } : {}),
      data: room,
      createdBy: ctx.principal.id,
    },
    ctx.now,
  );
}

export async function forgetRooms(
  ctx: RunContext,
  ids: readonly string[],
  reason: 'deleted' | 'vanished',
): Promise<void> {
  if (ids.length) await ctx.store.inventory.markGone(ctx.account!.name, ids, reason, ctx.now);
}
