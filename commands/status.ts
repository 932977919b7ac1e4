import { z } from 'zod';
import { roomId } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { ROOM_STATUSES, type RoomStatus } from '../src/vendors/types.js';
import { rememberRoom } from './shared/inventory.js';
import { type RoomResult, roomView } from './shared/room-view.js';

type Args = { room: string; status: RoomStatus };

const statusValue = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(ROOM_STATUSES, `expected one of ${ROOM_STATUSES.join(', ')}`));

export const status: CommandSpec<Args, RoomResult> = {
  name: 'status',
  summary: 'Set a room’s status: LIVE, SOON, ENDED or DISABLED (Watchers.io)',
  usage: 'status <account> <room> LIVE|SOON|ENDED|DISABLED',
  examples: [
    { text: 'status watch match-day LIVE', vendor: 'watchers' },
    {
      text: 'status watch match-day ENDED',
      vendor: 'watchers',
      note: 'ends the room: asks for confirmation',
    },
  ],
  takesAccount: true,
  operations: ['status'],
  positionals: () => [
    { name: 'room', description: 'room id', required: true, schema: roomId },
    {
      name: 'status',
      description: 'LIVE, SOON, ENDED or DISABLED',
      required: true,
      schema: statusValue,
      choices: ROOM_STATUSES,
    },
  ],
  settings: () => ({}),
  kind: (args) => (args.status === 'ENDED' || args.status === 'DISABLED' ? 'destructive' : 'write'),
  rooms: (args) => [args.room],
  describe: (args, account) =>
    args.status === 'ENDED'
      ? `End room ${args.room} on ${account?.name}: the live event closes for everyone.`
      : args.status === 'DISABLED'
        ? `Disable room ${args.room} on ${account?.name}: nobody can use it until it is re-enabled.`
        : `Set room ${args.room} on ${account?.name} to ${args.status}`,
  confirmLabel: (args) => (args.status === 'ENDED' ? 'End room' : 'Disable room'),
  async run(args, ctx) {
    const room = await ctx.client.setStatus(args.room, args.status);
    await rememberRoom(ctx, room);
    return { result: { room }, summary: `${args.room} on ${ctx.account.name} is now ${args.status}` };
  },
  view: roomView,
};
