/**
 * voice, mute and keepalive share one shape: `<action> <account> <room> on|off`,
 * a vendor call that flips a room setting, and a kind that depends on which
 * way it flips. Each command file declares its own wording and kinds.
 */
import { roomId } from '../../src/core/args.js';
import type { CommandExample, CommandSpec, SettingSpec } from '../../src/core/command-spec.js';
import { booleanValue } from '../../src/core/parse/index.js';
import type { Kind } from '../../src/core/types.js';
import type { Operation, Room, VendorClient, VendorName } from '../../src/vendors/types.js';
import { rememberRoom } from './inventory.js';
import { type RoomResult, roomView } from './room-view.js';

export type ToggleArgs = { room: string; enabled: boolean; [setting: string]: unknown };

export interface ToggleDefinition {
  name: string;
  summary: string;
  usage: string;
  examples: CommandExample[];
  operation: Operation;
  /** When absent, `enabled` is required. */
  defaultEnabled?: boolean;
  kindWhen: { on: Kind; off: Kind };
  settings?: (vendor: VendorName | null) => Record<string, SettingSpec>;
  describe: (on: boolean, room: string, account: string) => string;
  confirmLabel?: (on: boolean) => string;
  call: (client: VendorClient, args: ToggleArgs) => Promise<Room>;
  done: (on: boolean, room: string, account: string) => string;
}

export function toggleCommand(def: ToggleDefinition): CommandSpec<ToggleArgs, RoomResult> {
  return {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    examples: def.examples,
    takesAccount: true,
    operations: [def.operation],
    positionals: () => [
      { name: 'room', description: 'room id', required: true, schema: roomId },
      {
        name: 'enabled',
        description:
          def.defaultEnabled === undefined
            ? 'on or off'
            : `on or off (default ${def.defaultEnabled ? 'on' : 'off'})`,
        required: def.defaultEnabled === undefined,
        schema: booleanValue,
        choices: ['on', 'off'],
      },
    ],
    settings: (vendor) => def.settings?.(vendor) ?? {},
    finalize: (args) => (args.enabled === undefined ? { ...args, enabled: def.defaultEnabled! } : args),
    kind: (args) => (args.enabled ? def.kindWhen.on : def.kindWhen.off),
    rooms: (args) => [args.room],
    describe: (args, account) => def.describe(args.enabled, args.room, account?.name ?? ''),
    ...(def.confirmLabel ? { confirmLabel: (args: ToggleArgs) => def.confirmLabel!(args.enabled) } : {}),
    async run(args, ctx) {
      const room = await def.call(ctx.client, args);
      await rememberRoom(ctx, room);
      return { result: { room }, summary: def.done(args.enabled, args.room, ctx.account.name) };
    },
    view: roomView,
  };
}
