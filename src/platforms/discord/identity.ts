/**
 * Who clicked or typed, and where, in the core's vocabulary. Role ids come
 * either as the raw `string[]` (guild not cached: READY with no guilds) or as
 * a cached GuildMemberRoleManager (PLATFORMS.md "the invoking member's roles").
 * When neither can be trusted the principal says so (`groupsUnavailable`) and
 * the core fails closed instead of treating the member as having no roles.
 */
import type { BaseInteraction } from 'discord.js';
import type { Place, Principal } from '../../core/types.js';

type Roles = { ids: string[] } | { unavailable: string };

function roleIds(interaction: BaseInteraction): Roles {
  const member = interaction.member;
  if (!interaction.guildId) return { ids: [] };
  // In a guild Discord always sends the member; without it the roles are unknown, not empty.
  if (!member) return { unavailable: 'Discord sent no member roles' };
  if (Array.isArray(member.roles)) return { ids: without(member.roles, interaction.guildId) };
  // A cached guild that is unavailable (an outage) has no roles cached, so
  // GuildMemberRoleManager.cache, which keeps only cached roles, would be empty.
  if (interaction.guild && !interaction.guild.available)
    return { unavailable: 'the Discord server is unavailable, so its roles are not known' };
  return { ids: without([...member.roles.cache.keys()], interaction.guildId) };
}

/** @everyone carries the guild's id; it names no one in particular. */
function without(ids: readonly string[], guildId: string): string[] {
  return ids.filter((id) => id !== guildId);
}

function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  const nick = member && 'nick' in member ? member.nick : undefined;
  return nick || interaction.user.globalName || interaction.user.username;
}

export function principalOf(interaction: BaseInteraction): Principal {
  const roles = roleIds(interaction);
  return {
    platform: 'discord',
    id: `discord:${interaction.user.id}`,
    displayName: displayName(interaction),
    groups: 'ids' in roles ? roles.ids.map((id) => `discord:role:${id}`) : [],
    ...('unavailable' in roles ? { groupsUnavailable: roles.unavailable } : {}),
  };
}

export function placeOf(interaction: BaseInteraction): Place {
  return {
    platform: 'discord',
    ...(interaction.channelId ? { channel: `discord:channel:${interaction.channelId}` } : {}),
    ...(interaction.guildId ? { guild: `discord:guild:${interaction.guildId}` } : {}),
  };
}
