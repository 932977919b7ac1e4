import { z } from 'zod';
import type { CommandSpec } from '../src/core/command-spec.js';
import { helpText, overviewText } from '../src/core/help-text.js';

type Args = { topic?: string };
type Result = { text: string; actions: { name: string; summary: string; usage: string }[] };

export const help: CommandSpec<Args, Result> = {
  name: 'help',
  summary: 'Show the commands, or one command in detail',
  usage: 'help [action]',
  examples: [{ text: 'help' }, { text: 'help delete' }],
  takesAccount: false,
  operations: [],
  positionals: () => [
    {
      name: 'topic',
      description: 'an action to explain',
      required: false,
      schema: z.string().trim().toLowerCase().min(1),
    },
  ],
  settings: () => ({}),
  kind: () => 'read',
  rooms: () => [],
  describe: () => 'Help',
  async run(args, ctx) {
    const actions = ctx.commands.map((c) => ({ name: c.name, summary: c.summary, usage: c.usage }));
    if (!args.topic)
      return { result: { text: overviewText(ctx.commands), actions }, summary: 'RoomOps commands' };
    const spec = ctx.commands.find((c) => c.name === args.topic);
    if (!spec) {
      return {
        result: { text: `No action called "${args.topic}".\n\n${overviewText(ctx.commands)}`, actions },
        summary: `Unknown action ${args.topic}`,
      };
    }
    return {
      result: {
        text: helpText(spec),
        actions: [{ name: spec.name, summary: spec.summary, usage: spec.usage }],
      },
      summary: `Help: ${spec.name}`,
    };
  },
  view: (result) => ({ code: result.text }),
};
