import { z } from 'zod';
import { cursorSetting, limitSetting, roomId, userIds } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { moreNotes, tableOf } from '../src/view/result-parts.js';
import type { Member } from '../src/vendors/types.js';
import { itemReport, okIds, plural } from './shared/items.js';

type Args = { room: string; change?: 'add' | 'remove'; user?: string[]; limit?: number; cursor?: string };
/** A page of members, or the ones added or removed (`change`). */
type Result = { members: Member[]; cursor?: string; change?: 'add' | 'remove' };

export const members: CommandSpec<Args, Result> = {
  name: 'members',
  summary: 'List a room’s members, or add or remove some',
  usage: 'members <account> <room> [add|remove <user…>]',
  examples: [
    { text: 'members agora 66213271109633', vendor: 'agora' },
    { text: 'members agora 66213271109633 add bob carol', vendor: 'agora' },
    { text: 'members agora 66213271109633 remove dave', vendor: 'agora', note: 'asks for confirmation' },
    { text: 'members ifly 1', vendor: 'iflychat', note: 'the users online in the room' },
    { text: 'members rong lobby limit=100', vendor: 'rongcloud' },
  ],
  takesAccount: true,
  operations: ['members.list', 'members.add', 'members.remove'],
  formOperation: (args) =>
    args.change === 'add' ? 'members.add' : args.change === 'remove' ? 'members.remove' : 'members.list',
  positionals: () => [
    { name: 'room', description: 'room id', required: true, schema: roomId },
    {
      name: 'change',
      description: 'add or remove (leave out to list)',
      required: false,
      schema: z
        .string()
        .transform((s) => s.toLowerCase())
        .pipe(z.enum(['add', 'remove'], 'expected add or remove')),
      choices: ['add', 'remove'],
    },
    {
      name: 'user',
      description: 'user ids, separated by commas or spaces',
      required: false,
      rest: true,
      schema: userIds,
    },
  ],
  settings: () => ({ limit: limitSetting(500), cursor: cursorSetting }),
  finalize(args, _account, fail) {
    if (args.change && !args.user)
      fail(
        'user',
        `give the user ids to ${args.change}, e.g. members <account> <room> ${args.change} alice,bob`,
      );
    if (!args.change && args.user) fail('change', 'say add or remove before the user ids');
    return args;
  },
  kind: (args) => (args.change === 'remove' ? 'destructive' : args.change === 'add' ? 'write' : 'read'),
  rooms: (args) => [args.room],
  describe: (args, account) =>
    args.change === 'remove'
      ? `Remove ${plural(args.user!.length, 'member')} (${args.user!.join(', ')}) from ${args.room} on ${account?.name}`
      : args.change === 'add'
        ? `Add ${args.user!.join(', ')} to ${args.room} on ${account?.name}`
        : `List members of ${args.room}`,
  confirmLabel: () => 'Remove',
  async run(args, ctx) {
    const { client } = ctx;
    const account = ctx.account.name;
    if (!args.change) {
      const page = await client.listMembers(args.room, {
        ...(args.limit ? { limit: args.limit } : {}),
        ...(args.cursor ? { cursor: args.cursor } : {}),
      });
      const result: Result = { members: page.items };
      if (page.cursor) result.cursor = page.cursor;
      return { result, summary: `${plural(page.items.length, 'member')} in ${args.room} on ${account}` };
    }
    const outcomes =
      args.change === 'add'
        ? await client.addMembers(args.room, args.user!)
        : await client.removeMembers(args.room, args.user!);
    const changed = okIds(outcomes);
    const failed = outcomes.some((o) => !o.ok);
    return {
      result: { members: changed.map((id) => ({ id })), change: args.change },
      summary: `${args.change === 'add' ? 'Added' : 'Removed'} ${changed.join(', ') || 'nobody'} ${args.change === 'add' ? 'to' : 'from'} ${args.room} on ${account}`,
      ...(failed ? { items: itemReport(outcomes) } : {}),
    };
  },
  view: (result) => ({ table: tableOf(result.members, ['id']), notes: moreNotes(result.cursor) }),
};
