import type { CommandSpec } from '../src/core/command-spec.js';
import { supportedActions } from '../src/core/support.js';
import { VENDOR_LABEL } from '../src/vendors/capabilities.js';
import type { VendorName } from '../src/vendors/types.js';

type Result = { accounts: { name: string; vendor: VendorName; vendorName: string; actions: string[] }[] };

export const accounts: CommandSpec<Record<string, never>, Result> = {
  name: 'accounts',
  summary: 'List the configured vendor accounts and what each supports',
  usage: 'accounts',
  examples: [{ text: 'accounts' }],
  takesAccount: false,
  operations: [],
  positionals: () => [],
  settings: () => ({}),
  kind: () => 'read',
  rooms: () => [],
  describe: () => 'List accounts',
  async run(_args, ctx) {
    // Names and vendors only: credentials never leave the config.
    const list = ctx.accounts.map((a) => ({
      name: a.name,
      vendor: a.vendor,
      vendorName: VENDOR_LABEL[a.vendor],
      actions: supportedActions(ctx.commands, a.vendor),
    }));
    return { result: { accounts: list }, summary: `${list.length} account${list.length === 1 ? '' : 's'}` };
  },
  view: (result) => ({
    table: {
      columns: ['Account', 'Vendor', 'Actions'],
      rows: result.accounts.map((a) => [a.name, a.vendorName, a.actions.join(', ')]),
    },
  }),
};
