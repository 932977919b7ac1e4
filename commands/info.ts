import { roomIds } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import type { Room } from '../src/vendors/types.js';
import { itemReport, plural } from './shared/items.js';
import { roomsTable } from './shared/room-view.js';

type Args = { room: string[] };
type Result = { rooms: Room[] };

export const info: CommandSpec<Args, Result> = {
  name: 'info',
  summary: 'Show rooms in detail',
  usage: 'info <account> <room[,room…]>',
  examples: [
    { text: 'info ifly 1,2', vendor: 'iflychat' },
    { text: 'info rong lobby,support-1', vendor: 'rongcloud' },
    { text: 'info watch match-day', vendor: 'watchers' },
    { text: 'info agora 66213271109633', vendor: 'agora' },
  ],
  takesAccount: true,
  operations: ['info'],
  positionals: () => [
    { name: 'room', description: 'room id(s), comma-separated', required: true, schema: roomIds },
  ],
  settings: () => ({}),
  kind: () => 'read',
  rooms: (args) => args.room,
  describe: (args, account) => `Show ${args.room.join(', ')} on ${account?.name}`,
  async run(args, ctx) {
    const outcomes = await ctx.client.getRooms(args.room);
    const rooms = outcomes.filter((o) => o.ok).map((o) => (o as { value: Room }).value);
    const failed = outcomes.some((o) => !o.ok);
    return {
      result: { rooms },
      summary: `${plural(rooms.length, 'room')} on ${ctx.account.name}`,
      ...(failed ? { items: itemReport(outcomes) } : {}),
    };
  },
  view: (result) => ({ table: roomsTable(result.rooms) }),
};
