import { roomIds } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { forgetRooms } from './shared/inventory.js';
import { itemReport, okIds, plural } from './shared/items.js';

type Args = { room: string[] };
type Result = { deleted: string[] };

export const del: CommandSpec<Args, Result> = {
  name: 'delete',
  summary: 'Delete rooms (asks for confirmation)',
  usage: 'delete <account> <room[,room…]>',
  examples: [
    { text: 'delete ifly 3', vendor: 'iflychat' },
    { text: 'delete rong lobby-42', vendor: 'rongcloud' },
    { text: 'delete watch quiz-night', vendor: 'watchers' },
    { text: 'delete agora 66213271109633,66213271109634', vendor: 'agora' },
  ],
  takesAccount: true,
  operations: ['delete'],
  positionals: () => [
    { name: 'room', description: 'room id(s), comma-separated', required: true, schema: roomIds },
  ],
  settings: () => ({}),
  kind: () => 'destructive',
  rooms: (args) => args.room,
  describe: (args, account) =>
    `Delete ${args.room.length === 1 ? `room ${args.room[0]}` : `${args.room.length} rooms (${args.room.join(', ')})`} on ${account?.name}. Everyone in ${args.room.length === 1 ? 'it' : 'them'} is removed; this cannot be undone.`,
  confirmLabel: () => 'Delete',
  async run(args, ctx) {
    const outcomes = await ctx.client.deleteRooms(args.room);
    const deleted = okIds(outcomes);
    await forgetRooms(ctx, deleted, 'deleted');
    const failed = outcomes.some((o) => !o.ok);
    return {
      result: { deleted },
      summary: `Deleted ${plural(deleted.length, 'room')} on ${ctx.account.name}: ${deleted.join(', ') || 'none'}`,
      ...(failed ? { items: itemReport(outcomes) } : {}),
    };
  },
  view: (result) => ({ facts: [{ label: 'Deleted', value: result.deleted.join(', ') || 'none' }] }),
};
