import { cursorSetting, limitSetting } from '../src/core/args.js';
import type { AccountRunContext, CommandSpec } from '../src/core/command-spec.js';
import { moreNotes } from '../src/view/result-parts.js';
import type { InventoryRoom } from '../src/store/types.js';
import type { Room } from '../src/vendors/types.js';
import { forgetRooms } from './shared/inventory.js';
import { roomsTable } from './shared/room-view.js';

type Args = { limit?: number; cursor?: string };
/** `source`: where the rooms came from (`vendor`, `inventory` or `vendor+inventory`). */
type Result = { rooms: Room[]; source: string; cursor?: string };

const DEFAULT_LIMIT = 50;

export const list: CommandSpec<Args, Result> = {
  name: 'list',
  summary: 'List rooms (from the vendor, or RoomOps’ inventory where the vendor has no list)',
  usage: 'list <account> [limit=N cursor=…]',
  examples: [
    { text: 'list ifly', vendor: 'iflychat' },
    { text: 'list agora limit=20', vendor: 'agora' },
    {
      text: 'list rong',
      vendor: 'rongcloud',
      note: 'RongCloud has no room list: shows the rooms RoomOps created, checked against the vendor',
    },
    {
      text: 'list watch',
      vendor: 'watchers',
      note: 'upcoming and live rooms from Watchers, plus ended ones RoomOps knows',
    },
  ],
  takesAccount: true,
  // Every vendor: where the vendor has no list, the inventory stands in.
  operations: [],
  positionals: () => [],
  settings: () => ({ limit: limitSetting(1000), cursor: cursorSetting }),
  kind: () => 'read',
  rooms: () => [],
  describe: (_args, account) => `List rooms of ${account?.name}`,
  async run(args, ctx) {
    const { roomList } = ctx.client.traits;
    const limit = args.limit ?? DEFAULT_LIMIT;
    if (roomList === 'none') return listFromInventory(args, ctx, limit);
    const page = await ctx.client.listRooms({ limit, ...(args.cursor ? { cursor: args.cursor } : {}) });
    let rooms: Room[] = page.items.map((room) => ({ ...room, source: 'vendor' }));
    let source = 'vendor';
    if (roomList === 'upcoming' && !args.cursor) {
      // Only upcoming and live rooms are listed: add the ended or disabled ones RoomOps knows.
      const known = await reconcile(ctx, new Set(rooms.map((r) => r.id)));
      rooms = [...rooms, ...known.map((r) => ({ ...r, source: 'inventory' }))];
      source = 'vendor+inventory';
    } else if (roomList === 'whole' && !args.cursor && !page.cursor) {
      // Every room came in one answer: a known room missing from it is gone.
      const seen = new Set(page.items.map((r) => r.id));
      const missing = (await ctx.store.inventory.list(ctx.account.name)).filter((r) => !seen.has(r.roomId));
      await forgetRooms(
        ctx,
        missing.map((r) => r.roomId),
        'vanished',
      );
    }
    const result: Result = { rooms, source };
    if (page.cursor) result.cursor = page.cursor;
    return {
      result,
      summary: `${rooms.length} room${rooms.length === 1 ? '' : 's'} on ${ctx.account.name}`,
    };
  },
  view: (result) => ({ table: roomsTable(result.rooms), notes: moreNotes(result.cursor) }),
};

async function listFromInventory(args: Args, ctx: AccountRunContext, limit: number) {
  const account = ctx.account.name;
  const stored = await ctx.store.inventory.list(account, {
    limit: limit + 1,
    ...(args.cursor ? { afterRoomId: args.cursor } : {}),
  });
  const page = stored.slice(0, limit);
  const live = await checkWithVendor(ctx, page);
  const rooms = live.map((room) => ({ ...room, source: 'inventory' }));
  const result: Result = { rooms, source: 'inventory' };
  if (stored.length > limit) result.cursor = page[page.length - 1]!.roomId;
  return {
    result,
    summary: `${rooms.length} room${rooms.length === 1 ? '' : 's'} RoomOps knows on ${account}`,
  };
}

/** Inventory rooms not in `exclude`, checked with the vendor: vanished ones are marked gone. */
async function reconcile(ctx: AccountRunContext, exclude: Set<string>): Promise<Room[]> {
  const known = (await ctx.store.inventory.list(ctx.account.name, { limit: 100 })).filter(
    (r) => !exclude.has(r.roomId),
  );
  return checkWithVendor(ctx, known);
}

async function checkWithVendor(ctx: AccountRunContext, known: InventoryRoom[]): Promise<Room[]> {
  if (known.length === 0) return [];
  if (!ctx.client.capabilities.has('info')) return known.map(fromInventory);
  const outcomes = await ctx.client.getRooms(known.map((r) => r.roomId));
  const vanished = outcomes.filter((o) => !o.ok && o.error.code === 'vendor_not_found').map((o) => o.id);
  await forgetRooms(ctx, vanished, 'vanished');
  const byId = new Map(known.map((r) => [r.roomId, r]));
  return outcomes.flatMap((o) => {
    if (o.ok) return [o.value];
    // Could not check (vendor error other than not-found): show what RoomOps knows.
    if (o.error.code !== 'vendor_not_found') return [{ ...fromInventory(byId.get(o.id)!), unverified: true }];
    return [];
  });
}

function fromInventory(room: InventoryRoom): Room {
  return { ...room.data, id: room.roomId, ...(room.name ? { name: room.name } : {}) };
}
