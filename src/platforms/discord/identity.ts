/**
 * Who clicked or typed, and where, in the core's vocabulary. Role ids come
 * either as the raw `string[]` (guild not cached: READY with no guilds) or as
 * a cached GuildMemberRoleManager (PLATFORMS.md "the invoking member's roles").
 */
import type { BaseInteraction } from 'discord.js';
import type { Place, Principal } from '../../core/types.js';

function roleIds(interaction: BaseInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  const ids = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  // @everyone carries the guild's id; it names no one in particular.
  return ids.filter((id) => id !== interaction.guildId);
}

function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  const nick = member && 'nick' in member ? member.nick : undefined;
  return nick || interaction.user.globalName || interaction.user.username;
}

export function principalOf(interaction: BaseInteraction): Principal {
  return {
    platform: 'discord',
    id: `discord:${interaction.user.id}`,
    displayName: displayName(interaction),
    groups: roleIds(interaction).map((id) => `discord:role:${id}`),
  };
}

export function placeOf(interaction: BaseInteraction): Place {
  return {
    platform: 'discord',
    ...(interaction.channelId ? { channel: `discord:channel:${interaction.channelId}` } : {}),
    ...(interaction.guildId ? { guild: `discord:guild:${interaction.guildId}` } : {}),
  };
}
