import { roomId, roomName, text } from '../src/core/args.js';
import type { CommandSpec, SettingSpec } from '../src/core/command-spec.js';
import { intValue } from '../src/core/parse/index.js';
import type { VendorName } from '../src/vendors/types.js';
import { rememberRoom } from './shared/inventory.js';
import { type RoomResult, roomView } from './shared/room-view.js';
import { IFLYCHAT_ROOM_FLAGS, RONGCLOUD_LIFECYCLE } from './shared/vendor-settings.js';

type Args = { room: string; [setting: string]: unknown };

const SETTINGS: Partial<Record<VendorName, Record<string, SettingSpec>>> = {
  iflychat: {
    name: { schema: roomName, description: 'new name (alias of room_name)' },
    room_name: { schema: roomName, description: 'new name' },
    ...IFLYCHAT_ROOM_FLAGS,
  },
  rongcloud: RONGCLOUD_LIFECYCLE,
  agora: {
    name: { schema: roomName, description: 'new name' },
    description: { schema: text(512), description: 'new description' },
    maxusers: { schema: intValue(1, 10000), description: 'maximum members' },
  },
};

/**
 * Friendly names for a vendor's own setting names (iFlyChat calls the name
 * `room_name`).
 */
const ALIASES: Partial<Record<VendorName, Record<string, string>>> = { iflychat: { name: 'room_name' } };

/**
 * Lifecycle settings (only RongCloud accepts them) can destroy a long-idle
 * room at once (shared/vendors/rongcloud.md §5.7).
 */
const LIFECYCLE = Object.keys(RONGCLOUD_LIFECYCLE);
const changesLifecycle = (args: Args) => LIFECYCLE.some((k) => k in args);

export const update: CommandSpec<Args, RoomResult> = {
  name: 'update',
  summary: 'Change a room’s settings',
  usage: 'update <account> <room> key=value…',
  examples: [
    { text: 'update ifly 1 name="Launch party" room_moderate=on', vendor: 'iflychat' },
    {
      text: 'update rong lobby-42 destroyType=1 destroyTime=240',
      vendor: 'rongcloud',
      note: 'lifecycle changes ask for confirmation',
    },
    { text: 'update agora 66213271109633 maxusers=800 description="All hands"', vendor: 'agora' },
  ],
  takesAccount: true,
  operations: ['update'],
  positionals: () => [{ name: 'room', description: 'room id', required: true, schema: roomId }],
  settings: (vendor) => (vendor ? (SETTINGS[vendor] ?? {}) : {}),
  finalize(args, account, fail) {
    const { room: _room, ...settings } = args;
    if (Object.keys(settings).length === 0) {
      const accepted = Object.keys((account && SETTINGS[account.vendor]) ?? {}).join(', ');
      fail('settings', `nothing to change: give at least one of ${accepted}`);
    }
    const out: Args = { ...args };
    for (const [alias, field] of Object.entries((account && ALIASES[account.vendor]) ?? {})) {
      if (out[alias] === undefined) continue;
      if (out[field] !== undefined) fail(alias, `give ${alias} or ${field}, not both`);
      out[field] = out[alias];
      delete out[alias];
    }
    return out;
  },
  kind: (args) => (changesLifecycle(args) ? 'destructive' : 'write'),
  rooms: (args) => [args.room],
  describe: (args, account) => {
    const { room, ...settings } = args;
    const changes = Object.entries(settings).map(
      ([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : String(v)}`,
    );
    const warning = changesLifecycle(args)
      ? ' A room idle longer than the new lifetime is destroyed at once.'
      : '';
    return `Change room ${room} on ${account?.name}: ${changes.join(', ')}.${warning}`;
  },
  confirmLabel: () => 'Apply',
  async run(args, ctx) {
    const { room, ...settings } = args;
    const updated = await ctx.client.updateRoom(room, settings);
    await rememberRoom(ctx, updated);
    return { result: { room: updated }, summary: `Updated room ${updated.id} on ${ctx.account.name}` };
  },
  view: roomView,
};
