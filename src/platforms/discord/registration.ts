/**
 * The `/room` command for Discord, generated from the command specs (one
 * subcommand per action, options named as DESIGN.md's "Discord" paragraph,
 * plus the job options of "Durable jobs": `match`, `empty`, `older` where a
 * selector may stand in for the rooms, `at` and `in` on actions that change
 * something, `grace` on delete),
 * and the bulk overwrite that registers it. Starting the bot registers
 * nothing; `roomops discord-register [--guild ID]` calls `registerCommands`.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { OUTBOUND_RETRIES } from '../outbound-timeout.js';
import { COMMANDS } from '../../../commands/index.js';
import type { CommandSpec, PositionalSpec, TypedOptionName } from '../../core/command-spec.js';
import { DISCORD_LIMITS, truncate } from '../../render/discord/limits.js';
import { type Operation, VENDORS, type VendorName } from '../../vendors/types.js';
import { selectsRooms } from '../../core/jobs/bulk-invocation.js';

export type RoomCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

interface OptionPlan {
  name: Exclude<TypedOptionName, 'account'> | JobOptionName;
  description: string;
  required: boolean;
  choices?: readonly string[];
}

type JobOptionName = 'match' | 'empty' | 'older' | 'at' | 'in' | 'grace';

const AUTOCOMPLETE = new Set<string>(['room']);
const BOOLEAN_OPTIONS = new Set<string>(['enabled', 'empty']);
const NAMED_SETTINGS = new Set<string>([
  'name',
  'user',
  'text',
  'status',
  'enabled',
  'change',
  'topic',
  'grace',
]);

/** Vendor operations that only read: an action with any other may change something, so it may be scheduled. */
const READ_OPERATIONS = new Set<Operation>(['list', 'info', 'announce.read', 'members.list', 'history']);

/** DESIGN.md "Durable jobs": the selector stands in for the rooms; at/in schedule a change. */
const SELECTOR_OPTIONS: readonly OptionPlan[] = [
  {
    name: 'match',
    description: 'Rooms whose id or name match this glob (test-*), instead of room',
    required: false,
  },
  { name: 'empty', description: 'Only rooms with no members (Agora Chat)', required: false },
  {
    name: 'older',
    description: 'Only rooms created longer ago than this (90s, 15m, 2h, 7d)',
    required: false,
  },
];
const SCHEDULE_OPTIONS: readonly OptionPlan[] = [
  { name: 'at', description: 'Run at this time: ISO 8601 with a zone, or HH:MM in UTC', required: false },
  { name: 'in', description: 'Run after this long: 90s, 15m, 2h, 7d', required: false },
];

function selectsRoomsOnSomeVendor(spec: CommandSpec): boolean {
  return spec.takesAccount && VENDORS.some((vendor) => selectsRooms(spec, vendor));
}

function mayChange(spec: CommandSpec): boolean {
  return spec.operations.some((operation) => !READ_OPERATIONS.has(operation));
}

function describe(text: string): string {
  const trimmed = text.trim() || '—';
  return truncate(trimmed.charAt(0).toUpperCase() + trimmed.slice(1), 100);
}

/** The options of one action across vendors, in positional order; required only where every vendor requires it. */
function planOptions(spec: CommandSpec): OptionPlan[] {
  const vendors: (VendorName | null)[] = spec.takesAccount ? [...VENDORS] : [null];
  const plans = new Map<string, OptionPlan>();
  const seenBy = new Map<string, number>();
  for (const vendor of vendors) {
    for (const p of spec.positionals(vendor) as PositionalSpec[]) {
      const plan = plans.get(p.name);
      seenBy.set(p.name, (seenBy.get(p.name) ?? 0) + 1);
      if (!plan) {
        plans.set(p.name, {
          name: p.name,
          description: p.description,
          required: p.required,
          ...(p.choices ? { choices: p.choices } : {}),
        });
      } else {
        plan.required &&= p.required;
      }
    }
  }
  for (const plan of plans.values()) plan.required &&= seenBy.get(plan.name) === vendors.length;
  // A setting named like one of DESIGN.md's options (`name` at update) gets
  // its own option; every other setting goes through `fields`.
  const settings = new Map<string, string>();
  for (const v of vendors)
    for (const [key, s] of Object.entries(spec.settings(v)))
      if (!settings.has(key)) settings.set(key, s.description);
  for (const [key, description] of settings) {
    if (!NAMED_SETTINGS.has(key) || plans.has(key)) continue;
    plans.set(key, { name: key as OptionPlan['name'], description, required: false });
    settings.delete(key);
  }
  if (settings.size > 0) {
    plans.set('fields', {
      name: 'fields',
      description: `key=value … (${[...settings.keys()].join(', ')})`,
      required: false,
    });
  }
  if (selectsRoomsOnSomeVendor(spec)) {
    // A selector may stand in for the room, so the room cannot be a required option.
    const room = plans.get('room');
    if (room) room.required = false;
    for (const option of SELECTOR_OPTIONS) plans.set(option.name, option);
  }
  if (mayChange(spec)) for (const option of SCHEDULE_OPTIONS) plans.set(option.name, option);
  const ordered = [...plans.values()];
  // Discord wants required options before optional ones.
  return [...ordered.filter((p) => p.required), ...ordered.filter((p) => !p.required)];
}

function addSubcommand(sub: SlashCommandSubcommandBuilder, spec: CommandSpec): SlashCommandSubcommandBuilder {
  sub.setName(spec.name).setDescription(describe(spec.summary));
  if (spec.takesAccount) {
    sub.addStringOption((o) =>
      o
        .setName('account')
        .setDescription('Account from the RoomOps config')
        .setRequired(true)
        .setAutocomplete(true),
    );
  }
  for (const plan of planOptions(spec)) {
    const description = describe(plan.description);
    if (BOOLEAN_OPTIONS.has(plan.name)) {
      sub.addBooleanOption((o) =>
        o.setName(plan.name).setDescription(description).setRequired(plan.required),
      );
      continue;
    }
    sub.addStringOption((o) => {
      o.setName(plan.name).setDescription(description).setRequired(plan.required);
      if (plan.choices && plan.choices.length > 0) {
        o.addChoices(...plan.choices.slice(0, DISCORD_LIMITS.choices).map((c) => ({ name: c, value: c })));
      } else if (AUTOCOMPLETE.has(plan.name)) {
        o.setAutocomplete(true);
      }
      return o;
    });
  }
  return sub;
}

/** The `/room` command JSON: guild-only, one subcommand per action. */
export function buildRoomCommand(specs: readonly CommandSpec[]): RoomCommandJson {
  const builder = new SlashCommandBuilder()
    .setName('room')
    .setDescription('Manage live chat rooms on iFlyChat, RongCloud, Watchers and Agora Chat')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const spec of specs) builder.addSubcommand((sub) => addSubcommand(sub, spec));
  return builder.toJSON();
}

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Per attempt (ROOMOPS_OUTBOUND_TIMEOUT_MS); @discordjs/rest's 15 s with 3 retries when absent. */
  timeoutMs?: number;
  /** REST base including `/api` (DISCORD_API_URL); Discord's by default. */
  apiUrl?: string;
  /** Register for one guild (changes at once) instead of globally. */
  guildId?: string;
  /** Default: every action in commands/. */
  specs?: readonly CommandSpec[];
}

/** Bulk-overwrites the application's commands in that scope with exactly `/room`; returns what Discord stored. */
export async function registerCommands(options: RegisterOptions): Promise<unknown[]> {
  const rest = new REST({
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, retries: OUTBOUND_RETRIES } : {}),
  }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const stored = await rest.put(route, { body: [buildRoomCommand(options.specs ?? COMMANDS)] });
  return stored as unknown[];
}
