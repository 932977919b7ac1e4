/**
 * Keeping RoomOps' room inventory current as commands create, change and
 * delete rooms, so `list` can show rooms of vendors without a list API.
 * These run after the vendor acted: a store failure becomes a warning on the
 * answer (ctx.afterVendor), never a failure of the action.
 */
import type { AccountRunContext } from '../../src/core/command-spec.js';
import type { Room } from '../../src/vendors/types.js';

export async function rememberRoom(ctx: AccountRunContext, room: Room): Promise<void> {
  const account = ctx.account;
  await ctx.afterVendor.record(`record room ${room.id} in its inventory`, () =>
    ctx.store.inventory.upsert(
      {
        account: account.name,
        vendor: account.vendor,
        roomId: room.id,
        ...(typeof room.name === 'string' ? { name: room.name } : {}),
        data: room,
        createdBy: ctx.principal.id,
      },
      ctx.now,
    ),
  );
}

export async function forgetRooms(
  ctx: AccountRunContext,
  ids: readonly string[],
  reason: 'deleted' | 'vanished',
): Promise<void> {
  if (ids.length === 0) return;
  const which = ids.length <= 5 ? ids.join(', ') : `${ids.length} rooms`;
  await ctx.afterVendor.record(`mark ${which} as ${reason} in its inventory`, () =>
    ctx.store.inventory.markGone(ctx.account.name, ids, reason, ctx.now),
  );
}
