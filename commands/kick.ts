import { z } from 'zod';
import { oneUser, roomId, text } from '../src/core/args.js';
import type { CommandSpec, SettingSpec } from '../src/core/command-spec.js';
import { intValue } from '../src/core/parse/index.js';
import { factsOf } from '../src/view/result-parts.js';
import { VENDOR_TRAITS } from '../src/vendors/capabilities.js';
import type { KickResult, VendorName } from '../src/vendors/types.js';
import { BAN_REASONS } from '../src/vendors/watchers/wire.js';

type Args = { room: string; user: string; [setting: string]: unknown };
type Result = { kicked: KickResult };

const SETTINGS: Partial<Record<VendorName, Record<string, SettingSpec>>> = {
  rongcloud: {
    minute: {
      schema: intValue(1, 43200),
      description: 'minutes the user may not rejoin (1–43200, default 60)',
    },
  },
  watchers: {
    // Watchers takes a reason number 0–8 (wire.ts BAN_REASONS); free text would only be refused by the vendor.
    reason: {
      schema: z
        .string()
        .trim()
        .refine((r) => /^[0-8]$/.test(r) || (BAN_REASONS as readonly string[]).includes(r.toUpperCase()), {
          message: `expected a number 0–8 or one of ${BAN_REASONS.map((r) => r.toLowerCase()).join(', ')}`,
        }),
      description: `why (0–8 or ${BAN_REASONS.map((r) => r.toLowerCase()).join(', ')})`,
    },
    description: { schema: text(500), description: 'free-text note shown with the ban' },
  },
};

const HOW: Record<VendorName, string> = {
  iflychat:
    'iFlyChat’s kick is site-wide: the user loses chat access on the whole site for 15 minutes, not just this room.',
  rongcloud: 'RongCloud removes the user and blocks them from rejoining for the given minutes.',
  watchers: 'Watchers bans the user from this room.',
  agora: 'Agora removes the user from the room; they may join again.',
};

export const kick: CommandSpec<Args, Result> = {
  name: 'kick',
  summary: 'Remove a user from a room (asks for confirmation)',
  usage: 'kick <account> <room> <user> [key=value…]',
  examples: [
    { text: 'kick agora 66213271109633 dave', vendor: 'agora' },
    { text: 'kick rong lobby-42 spammer-7 minute=120', vendor: 'rongcloud' },
    { text: 'kick ifly 1 14', vendor: 'iflychat', note: 'site-wide for 15 minutes' },
    { text: 'kick watch match-day troll-3 reason=flood description="spam links"', vendor: 'watchers' },
  ],
  takesAccount: true,
  operations: ['kick'],
  positionals: () => [
    { name: 'room', description: 'room id', required: true, schema: roomId },
    { name: 'user', description: 'the user id at the vendor', required: true, schema: oneUser },
  ],
  settings: (vendor) => (vendor ? (SETTINGS[vendor] ?? {}) : {}),
  kind: () => 'destructive',
  rooms: (args) => [args.room],
  describe: (args, account) =>
    `Kick ${args.user} from ${args.room} on ${account?.name}. ${account ? HOW[account.vendor] : ''}`.trim(),
  confirmLabel: () => 'Kick',
  // A kick that reaches beyond the room is worth a warning on the prompt itself.
  warning: (_args, vendor) =>
    vendor && VENDOR_TRAITS[vendor].kickScope === 'site' ? HOW[vendor] : undefined,
  async run(args, ctx) {
    const { room, user, ...settings } = args;
    const kicked = await ctx.client.kick(room, user, settings);
    return { result: { kicked }, summary: `Kicked ${user} from ${room} on ${ctx.account.name}` };
  },
  view: (result) => ({ facts: factsOf(result.kicked) }),
};
