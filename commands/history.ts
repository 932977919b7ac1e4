import { limitSetting, roomId } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { timeValue } from '../src/core/parse/index.js';
import { tableOf } from '../src/view/result-parts.js';
import type { HistoryMessage } from '../src/vendors/types.js';
import { plural } from './shared/items.js';

type Args = { room: string; limit?: number; since?: Date; until?: Date };
type Result = { messages: HistoryMessage[] };

export const history: CommandSpec<Args, Result> = {
  name: 'history',
  summary: 'Show a room’s recent messages (iFlyChat)',
  usage: 'history <account> <room> [limit=N since=… until=…]',
  examples: [{ text: 'history ifly 1 limit=20 since=2025-06-01T00:00:00Z', vendor: 'iflychat' }],
  takesAccount: true,
  operations: ['history'],
  positionals: () => [{ name: 'room', description: 'room id', required: true, schema: roomId }],
  settings: () => ({
    limit: limitSetting(1000),
    since: { schema: timeValue, description: 'from this time (ISO 8601)' },
    until: { schema: timeValue, description: 'up to this time (ISO 8601)' },
  }),
  finalize(args, _account, fail) {
    if (args.since && args.until && args.since > args.until) fail('since', 'must be before until');
    return args;
  },
  kind: () => 'read',
  rooms: (args) => [args.room],
  describe: (args) => `Show messages of ${args.room}`,
  async run(args, ctx) {
    const messages = await ctx.client.history(args.room, {
      limit: args.limit ?? 50,
      ...(args.since ? { since: args.since } : {}),
      ...(args.until ? { until: args.until } : {}),
    });
    return {
      result: { messages },
      summary: `${plural(messages.length, 'message')} in ${args.room} on ${ctx.account.name}`,
    };
  },
  view: (result) => ({ table: tableOf(result.messages, ['time', 'from', 'text']) }),
};
