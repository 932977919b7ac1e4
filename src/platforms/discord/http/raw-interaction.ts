/**
 * A raw interaction body (Discord docs, receiving-and-responding
 * "Interaction Object") as a DiscordInteraction. Signed by Discord, yet
 * checked field by field like any input: ids are snowflakes, the token is
 * URL-safe (it goes into webhook paths), sizes are bounded.
 */
import { z } from 'zod';
import type { Place, Principal } from '../../../core/types.js';
import type { DiscordInteraction } from '../interaction.js';
import { type OptionNode, typedInvocation } from '../typed-options.js';

const snowflake = z.string().regex(/^\d{1,20}$/, 'a Discord snowflake (digits)');
const user = z.object({
  id: snowflake,
  username: z.string().max(100),
  global_name: z.string().max(100).nullish(),
});
const member = z.object({
  user,
  roles: z.array(snowflake).max(1000),
  nick: z.string().max(100).nullish(),
});
const option: z.ZodType<OptionNode> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);
const envelope = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,500}$/, 'an interaction token (letters, digits, . _ -)')
    .optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).optional(),
  member: member.optional(),
  user: user.optional(),
  message: z.object({ id: snowflake }).optional(),
  data: z.unknown().optional(),
});
const commandData = z.object({ name: z.string().max(32), options: z.array(option).max(25).optional() });
const componentData = z.object({ custom_id: z.string().min(1).max(100), component_type: z.number().int() });

/** A modal's submitted component: a Label (18) holding one, an action row (1) holding some, or a text input (4). */
interface ModalNode {
  type: number;
  custom_id?: string | undefined;
  value?: string | undefined;
  component?: ModalNode | undefined;
  components?: ModalNode[] | undefined;
}
const modalNode: z.ZodType<ModalNode> = z.lazy(() =>
  z.object({
    type: z.number().int(),
    custom_id: z.string().max(100).optional(),
    value: z.string().max(4000).optional(),
    component: modalNode.optional(),
    components: z.array(modalNode).max(5).optional(),
  }),
);
const modalData = z.object({
  custom_id: z.string().min(1).max(100),
  components: z.array(modalNode).max(5),
});
const TEXT_INPUT = 4;

/** Text inputs by custom_id, in the Label form and the classic action-row form alike (PLATFORMS.md item 11). */
function textInputs(nodes: readonly ModalNode[], into: Record<string, string> = {}): Record<string, string> {
  for (const node of nodes) {
    if (node.type === TEXT_INPUT && node.custom_id && node.value !== undefined)
      into[node.custom_id] = node.value;
    textInputs([...(node.component ? [node.component] : []), ...(node.components ?? [])], into);
  }
  return into;
}

export type RawParse =
  | { kind: 'ping' }
  | { kind: 'interaction'; interaction: DiscordInteraction }
  /** A type RoomOps does not use. */
  | { kind: 'unsupported'; type: number }
  | { kind: 'invalid'; problem: string };

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'body: not an interaction';
}

export function parseRawInteraction(body: unknown): RawParse {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { kind: 'invalid', problem: problemOf(parsed.error) };
  const raw = parsed.data;
  if (raw.type === 1) return { kind: 'ping' };
  if (![2, 3, 4, 5].includes(raw.type)) return { kind: 'unsupported', type: raw.type };
  const who = raw.member?.user ?? raw.user;
  if (!raw.token) return { kind: 'invalid', problem: 'token: Required' };
  if (!who) return { kind: 'invalid', problem: 'member.user: Required (or user)' };
  const channelId = raw.channel_id ?? raw.channel?.id;
  const common = {
    id: raw.id,
    applicationId: raw.application_id,
    token: raw.token,
    ...(channelId ? { channelId } : {}),
    ...(raw.guild_id ? { guildId: raw.guild_id } : {}),
    principal: principalOf(raw.member, who, raw.guild_id),
    place: placeOf(channelId, raw.guild_id),
  };
  if (raw.type === 3) {
    const data = componentData.safeParse(raw.data);
    if (!data.success) return { kind: 'invalid', problem: `data.${problemOf(data.error)}` };
    return {
      kind: 'interaction',
      interaction: {
        ...common,
        kind: 'button',
        customId: data.data.custom_id,
        ...(raw.message ? { messageId: raw.message.id } : {}),
      },
    };
  }
  if (raw.type === 5) {
    const data = modalData.safeParse(raw.data);
    if (!data.success) return { kind: 'invalid', problem: `data.${problemOf(data.error)}` };
    return {
      kind: 'interaction',
      interaction: {
        ...common,
        kind: 'modal',
        customId: data.data.custom_id,
        fields: textInputs(data.data.components),
        ...(raw.message ? { messageId: raw.message.id } : {}),
      },
    };
  }
  const data = commandData.safeParse(raw.data);
  if (!data.success) return { kind: 'invalid', problem: `data.${problemOf(data.error)}` };
  const { focused, ...typed } = typedInvocation(data.data.options ?? []);
  if (raw.type === 4) {
    return {
      kind: 'interaction',
      interaction: { ...common, kind: 'autocomplete', typed, focused: focused ?? { name: '', value: '' } },
    };
  }
  return { kind: 'interaction', interaction: { ...common, kind: 'command', typed } };
}

/**
 * Same principal as the gateway's identity.ts: user id, display name, role ids
 * (not @everyone). In a server Discord always sends the member; without it the
 * roles are unknown, not empty, so the core fails closed (access_unavailable).
 */
function principalOf(
  m: z.infer<typeof member> | undefined,
  who: z.infer<typeof user>,
  guildId: string | undefined,
): Principal {
  return {
    platform: 'discord',
    id: `discord:${who.id}`,
    displayName: m?.nick || who.global_name || who.username,
    groups: (m?.roles ?? []).filter((id) => id !== guildId).map((id) => `discord:role:${id}`),
    ...(guildId && !m ? { groupsUnavailable: 'Discord sent no member roles' } : {}),
  };
}

function placeOf(channelId: string | undefined, guildId: string | undefined): Place {
  return {
    platform: 'discord',
    ...(channelId ? { channel: `discord:channel:${channelId}` } : {}),
    ...(guildId ? { guild: `discord:guild:${guildId}` } : {}),
  };
}
