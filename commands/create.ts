import { z } from 'zod';
import { oneUser, roomId, roomName, text, userIdList } from '../src/core/args.js';
import type { AccountRef, CommandSpec, PositionalSpec, SettingSpec } from '../src/core/command-spec.js';
import { booleanValue, intValue, timeValue } from '../src/core/parse/index.js';
import { VENDOR_TRAITS } from '../src/vendors/capabilities.js';
import type { VendorName } from '../src/vendors/types.js';
import { rememberRoom } from './shared/inventory.js';
import { type RoomResult, roomView } from './shared/room-view.js';
import { IFLYCHAT_ROOM_FLAGS, RONGCLOUD_LIFECYCLE } from './shared/vendor-settings.js';

type Args = { name?: string; room?: string; [setting: string]: unknown };

const SETTINGS: Record<VendorName, Record<string, SettingSpec>> = {
  iflychat: IFLYCHAT_ROOM_FLAGS,
  rongcloud: {
    ...RONGCLOUD_LIFECYCLE,
    isBan: { schema: booleanValue, description: 'start with everyone muted' },
    whiteUserIds: {
      schema: userIdList(20),
      description: 'users not muted (≤20)',
    },
    entryOwnerId: { schema: oneUser, description: 'owner of the initial attributes' },
    entryInfo: {
      schema: z.string().transform((raw, ctx) => {
        try {
          const value = JSON.parse(raw) as unknown;
          if (value && typeof value === 'object' && !Array.isArray(value))
            return value as Record<string, string>;
        } catch {
          // Not JSON: reported below.
        }
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object, e.g. {"topic":"launch"}' });
        return z.NEVER;
      }),
      description: 'initial attributes as a JSON object',
    },
  },
  watchers: {
    name: { schema: roomName, description: 'display name (required)' },
    about: { schema: text(1000), description: 'description (required)' },
    isSpeak: { schema: booleanValue, description: 'voice chat on (default false)' },
    pic: { schema: z.string().url('expected a URL'), description: 'picture URL' },
    startTime: { schema: timeValue, description: 'scheduled start (ISO 8601)' },
    endTime: { schema: timeValue, description: 'scheduled end (ISO 8601)' },
    streamUrl: { schema: z.string().url('expected a URL'), description: 'stream player URL' },
    sourceUrl: { schema: z.string().url('expected a URL'), description: 'YouTube/Twitch/… URL' },
    streamStartTime: { schema: timeValue, description: 'stream start (ISO 8601)' },
    streamEndTime: { schema: timeValue, description: 'stream end (ISO 8601)' },
  },
  agora: {
    description: { schema: text(512), description: 'description (default: the name)' },
    owner: { schema: oneUser, description: 'owner username (default: the account defaultOwner)' },
    maxusers: { schema: intValue(1, 10000), description: 'maximum members (1–10000)' },
    members: { schema: userIdList(), description: 'initial members, comma-separated' },
    custom: { schema: z.string().max(1024), description: 'free text' },
  },
};

type Fail = (field: string, message: string) => void;

/** What each vendor requires or defaults when a room is created (shared/vendors/*.md). */
const DEFAULTS: Record<VendorName, (args: Args, account: AccountRef, fail: Fail) => void> = {
  iflychat: (args) => {
    args.room_role ??= '0';
  },
  rongcloud: () => {},
  watchers: (args, _account, fail) => {
    if (args.name === undefined) fail('name', 'required at Watchers: give name="Display name"');
    if (args.about === undefined) fail('about', 'required at Watchers: give about="What the room is for"');
    args.isSpeak ??= false;
  },
  agora: (args, account, fail) => {
    args.description ??= args.name;
    args.owner ??= 'defaultOwner' in account.config ? account.config.defaultOwner : undefined;
    if (args.owner === undefined)
      fail('owner', `required: give owner=<username> or set accounts.${account.name}.defaultOwner`);
  },
};

/** A vendor that assigns ids takes the name as the positional; the others take the caller's id. */
const positionalFor = (vendor: VendorName | null): PositionalSpec[] =>
  vendor && VENDOR_TRAITS[vendor].createKey === 'id'
    ? [{ name: 'room', description: 'the new room id you choose', required: true, schema: roomId }]
    : [{ name: 'name', description: 'the new room name', required: true, schema: roomName }];

export const create: CommandSpec<Args, RoomResult> = {
  name: 'create',
  summary: 'Create a room',
  usage: 'create <account> <name|id> [key=value…]',
  examples: [
    { text: 'create ifly "Launch party" room_private=yes', vendor: 'iflychat' },
    {
      text: 'create rong lobby-42 destroyType=1 destroyTime=120 whiteUserIds=host1,host2',
      vendor: 'rongcloud',
    },
    {
      text: 'create watch match-day name="Match day" about="Live from the stadium" startTime=2026-12-01T18:00:00Z',
      vendor: 'watchers',
    },
    { text: 'create agora "Town hall" owner=alice maxusers=500 members=bob,carol', vendor: 'agora' },
  ],
  takesAccount: true,
  operations: ['create'],
  positionals: positionalFor,
  settings: (vendor) => (vendor ? SETTINGS[vendor] : {}),
  finalize(args, account, fail) {
    if (!account) return args;
    const out: Args = { ...args };
    DEFAULTS[account.vendor](out, account, fail);
    return out;
  },
  kind: () => 'write',
  rooms: (args) => [String(args.room ?? args.name)],
  describe: (args, account) => `Create room ${args.room ?? args.name} on ${account?.name}`,
  async run(args, ctx) {
    const { client } = ctx;
    const { room, name, ...settings } = args;
    const key = client.createKey === 'id' ? room! : name!;
    // Watchers takes `name` as a setting besides the caller's id.
    if (client.createKey === 'id' && name !== undefined) settings.name = name;
    const created = await client.createRoom(key, settings);
    await rememberRoom(ctx, created);
    return {
      result: { room: created },
      summary: `Created room ${created.name ? `${created.name} (id ${created.id})` : created.id} on ${ctx.account.name}`,
    };
  },
  view: roomView,
};
