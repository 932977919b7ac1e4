/**
 * INTERACTION_CREATE payloads shaped as PLATFORMS.md lists them: the fields
 * discord.js requires (`entitlements`, `authorizing_integration_owners`,
 * `channel` object, `member.user` or `user`, snowflake ids everywhere).
 */
import { snowflake } from './snowflake.js';

export const APP_ID = '1000000000000000001';
export const BOT_USER_ID = '1000000000000000001';
export const GUILD_ID = '1000000000000000100';
export const CHANNEL_ID = '1000000000000000200';
export const COMMAND_ID = '1000000000000000400';

export interface Actor {
  id: string;
  username?: string;
  roles?: string[];
}

export type OptionValue = string | number | boolean;

export interface Where {
  guildId?: string;
  channelId?: string;
  /** A DM: no guild, no member, a top-level `user`. */
  dm?: boolean;
  /** In a server but without `member` (its roles unknown): a top-level `user` only. */
  memberless?: boolean;
}

type Json = Record<string, unknown>;

function user(actor: Actor): Json {
  const name = actor.username ?? `user${actor.id.slice(-4)}`;
  return { id: actor.id, username: name, discriminator: '0', global_name: name, avatar: null };
}

function envelope(type: number, actor: Actor, where: Where, data: Json): Json {
  const id = snowflake();
  const channelId = where.channelId ?? CHANNEL_ID;
  const base: Json = {
    id,
    application_id: APP_ID,
    type,
    token: `tok-${id}`,
    version: 1,
    channel_id: channelId,
    channel: { id: channelId, type: where.dm ? 1 : 0 },
    app_permissions: '8',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 26214400,
    data,
  };
  if (where.dm) {
    return { ...base, user: user(actor), context: 1, authorizing_integration_owners: { '0': '0' } };
  }
  const guildId = where.guildId ?? GUILD_ID;
  if (where.memberless) {
    return {
      ...base,
      guild_id: guildId,
      guild_locale: 'en-US',
      context: 0,
      authorizing_integration_owners: { '0': guildId },
      user: user(actor),
    };
  }
  return {
    ...base,
    guild_id: guildId,
    guild_locale: 'en-US',
    context: 0,
    authorizing_integration_owners: { '0': guildId },
    member: {
      user: user(actor),
      roles: actor.roles ?? [],
      permissions: '0',
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
  };
}

function optionType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return 4;
  return 3;
}

function leafOptions(options: Record<string, OptionValue | undefined>, focused?: string): Json[] {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => ({
      type: name === focused ? 3 : optionType(value as OptionValue),
      name,
      value: name === focused ? String(value) : value,
      ...(name === focused ? { focused: true } : {}),
    }));
}

/** `/room <subcommand> option:value …` */
export function chatInput(
  actor: Actor,
  subcommand: string,
  options: Record<string, OptionValue | undefined> = {},
  where: Where = {},
): Json {
  return envelope(2, actor, where, {
    id: COMMAND_ID,
    name: 'room',
    type: 1,
    ...(where.dm ? {} : { guild_id: where.guildId ?? GUILD_ID }),
    options: [{ type: 1, name: subcommand, options: leafOptions(options) }],
  });
}

/** Typing into an autocomplete option: only the leaf being typed is `focused`. */
export function autocomplete(
  actor: Actor,
  subcommand: string,
  options: Record<string, OptionValue | undefined>,
  focused: string,
  where: Where = {},
): Json {
  return envelope(4, actor, where, {
    id: COMMAND_ID,
    name: 'room',
    type: 1,
    options: [{ type: 1, name: subcommand, options: leafOptions(options, focused) }],
  });
}

/** A click on a button of message `messageId`. */
export function buttonClick(actor: Actor, customId: string, messageId: string, where: Where = {}): Json {
  return {
    ...envelope(3, actor, where, { custom_id: customId, component_type: 2 }),
    message: botMessage(messageId, where.channelId ?? CHANNEL_ID),
  };
}

/**
 * A submitted modal that was opened from a button of message `messageId`
 * (MODAL_SUBMIT, type 5), its text inputs in the Label form Discord sends
 * (PLATFORMS.md item 11), or in the classic action-row form.
 */
export function modalSubmit(
  actor: Actor,
  customId: string,
  values: Record<string, string>,
  messageId: string,
  where: Where & { classic?: boolean } = {},
): Json {
  const components = Object.entries(values).map(([inputId, value], i) =>
    where.classic
      ? { type: 1, id: i * 2 + 1, components: [{ type: 4, id: i * 2 + 2, custom_id: inputId, value }] }
      : { type: 18, id: i * 2 + 1, component: { type: 4, id: i * 2 + 2, custom_id: inputId, value } },
  );
  return {
    ...envelope(5, actor, where, { custom_id: customId, components }),
    message: botMessage(messageId, where.channelId ?? CHANNEL_ID),
  };
}

function botMessage(messageId: string, channelId: string): Json {
  return {
    id: messageId,
    channel_id: channelId,
    type: 0,
    content: '',
    author: { id: BOT_USER_ID, username: 'opsbot', discriminator: '0', bot: true, avatar: null },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    components: [],
    embeds: [],
    attachments: [],
    flags: 0,
  };
}
