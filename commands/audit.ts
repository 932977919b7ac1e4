import { z } from 'zod';
import { limitSetting } from '../src/core/args.js';
import type { CommandSpec } from '../src/core/command-spec.js';
import { person, plainValue } from '../src/view/result-parts.js';
import type { ViewTable } from '../src/view/view.js';
import type { AuditEntry } from '../src/store/types.js';

type Args = { user?: string; account?: string; action?: string; limit?: number };
type Result = { entries: AuditEntry[] };

const word = (what: string) => z.string().trim().min(1, `expected ${what}`).max(200);

export const audit: CommandSpec<Args, Result> = {
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
  view: (result) => ({ table: auditTable(result.entries) }),
};

function auditTable(entries: readonly AuditEntry[]): ViewTable {
  return {
    columns: ['Time', 'Who', 'Account', 'Action', 'Rooms', 'Outcome'],
    rows: entries.map((e) => [
      e.at instanceof Date ? { time: e.at } : plainValue(e.at),
      typeof e.actor === 'string' ? person(e.actor, e.actorName) : plainValue(e.actor),
      plainValue(e.account),
      plainValue(e.action),
      plainValue(e.rooms),
      typeof e.decidedBy === 'string'
        ? [plainValue(e.outcome), ' by ', person(e.decidedBy)]
        : plainValue(e.outcome),
    ]),
  };
}
