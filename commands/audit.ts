import { z } from 'zod';
import { limitSetting } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';

type Args = { user?: string; account?: string; action?: string; limit?: number };

const word = (what: string) => z.string().trim().min(1, `expected ${what}`).max(200);

export const audit: CommandSpec<Args> = {
  name: 'audit',
  summary: 'Show the audit log: who did what, where, and what the vendor answered',
  usage: 'audit [user=… account=… action=… limit=N]',
  examples: [{ text: 'audit account=rong action=delete limit=20' }, { text: 'audit user=slack:U0ADMIN001' }],
  takesAccount: false,
  operations: [],
  positionals: () => [],
  settings: () => ({
    user: {
      schema: word('a principal, e.g. slack:U0ADMIN001'),
      description: 'who (slack:U…, discord:…, shell:name)',
    },
    account: { schema: word('an account name'), description: 'account name' },
    action: { schema: word('an action name'), description: 'action name' },
    limit: limitSetting(1000),
  }),
  kind: () => 'read',
  rooms: () => [],
  describe: () => 'Show the audit log',
  async run(args, ctx) {
    const entries = await ctx.store.audit.query({
      ...(args.user ? { actor: args.user } : {}),
      ...(args.account ? { account: args.account } : {}),
      ...(args.action ? { action: args.action } : {}),
      limit: args.limit ?? 20,
    });
    return {
      result: { entries },
      summary: `${entries.length} audit entr${entries.length === 1 ? 'y' : 'ies'}`,
    };
  },
};
