import { roomId, text } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import type { Announcement } from '../src/vendors/types.js';

type Args = { room: string; text?: string };
type Result = { announcement: Announcement };

export const announce: CommandSpec<Args, Result> = {
  name: 'announce',
  summary: 'Post an announcement to a room, or show the current one (Agora Chat)',
  usage: 'announce <account> <room> ["text"]',
  examples: [
    {
      text: 'announce agora 66213271109633 "Doors open at 18:00"',
      vendor: 'agora',
      note: 'sets the room announcement',
    },
    { text: 'announce agora 66213271109633', vendor: 'agora', note: 'shows the current announcement' },
    {
      text: 'announce ifly 1 "Maintenance at noon"',
      vendor: 'iflychat',
      note: 'posted as a chat message by the account’s announceAs user',
    },
    {
      text: 'announce watch match-day "Kick-off in 5 minutes"',
      vendor: 'watchers',
      note: 'posted as the account’s announceAs user',
    },
  ],
  takesAccount: true,
  operations: ['announce.write', 'announce.read'],
  formOperation: (args) => (args.text === undefined ? 'announce.read' : 'announce.write'),
  positionals: () => [
    { name: 'room', description: 'room id', required: true, schema: roomId },
    {
      name: 'text',
      description: 'the announcement (leave out to show the current one)',
      required: false,
      rest: true,
      schema: text(4000),
    },
  ],
  settings: () => ({}),
  kind: (args) => (args.text === undefined ? 'read' : 'write'),
  rooms: (args) => [args.room],
  describe: (args, account) =>
    args.text === undefined
      ? `Show the announcement of ${args.room}`
      : `Announce in ${args.room} on ${account?.name}`,
  async run(args, ctx) {
    const account = ctx.account.name;
    if (args.text === undefined) {
      const announcement = await ctx.client.getAnnouncement(args.room);
      return {
        result: { announcement },
        summary: announcement.text ? `Announcement of ${args.room}` : `${args.room} has no announcement`,
      };
    }
    const announcement = await ctx.client.setAnnouncement(args.room, args.text);
    return { result: { announcement }, summary: `Announced in ${args.room} on ${account}` };
  },
  view: (result) => ({ text: result.announcement.text ?? '(no announcement)' }),
};
