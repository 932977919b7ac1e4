import { z } from 'zod';
import { roomIds } from '../src/core/args.js';
import { durationValue } from '../src/core/jobs/duration.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { forgetRooms } from './shared/inventory.js';
import { itemReport, okIds, plural } from './shared/items.js';

/** The core turns a `grace` into a scheduled job before the command runs; the command itself ignores it. */
type Args = { room: string[]; grace?: number };
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
    {
      text: 'delete agora match=test-* older=7d',
      vendor: 'agora',
      note: 'every room the selector matches, as one job',
    },
    { text: 'delete rong lobby-42 grace=15m', note: 'muted now, deleted in 15 minutes unless undone' },
  ],
  takesAccount: true,
  operations: ['delete'],
  positionals: () => [
    { name: 'room', description: 'room id(s), comma-separated', required: true, schema: roomIds },
  ],
  settings: () => ({
    grace: {
      schema: z.union([z.literal('0').transform(() => 0), durationValue]),
      description: 'mute now, delete after this long (90s, 15m, 2h, 7d) with an Undo; 0 deletes at once',
    },
  }),
  kind: () => 'destructive',
  rooms: (args) => args.room,
  describe: (args, account) =>
    `Delete ${args.room.length === 1 ? `room ${args.room[0]}` : `${args.room.length} rooms (${args.room.join(', ')})`} on ${account?.name}. Everyone in ${args.room.length === 1 ? 'it' : 'them'} is removed; this cannot be undone.`,
  confirmLabel: () => 'Delete',
  // A room the vendor no longer has was deleted by the interrupted attempt.
  async alreadyDone(args, ctx) {
    const found = await ctx.client.getRooms(args.room);
    for (const o of found) if (!o.ok && o.error.code !== 'vendor_not_found') throw o.error;
    const gone = found.filter((o) => !o.ok).map((o) => o.id);
    if (gone.length !== args.room.length) return false;
    await forgetRooms(ctx, gone, 'deleted');
    return true;
  },
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
