/**
 * The Discord front end, over one of two transports sharing one core
 * (handle-interaction.ts): HTTP interactions at `POST /discord/interactions`
 * when DISCORD_PUBLIC_KEY is set (stateless, any number of replicas), else
 * the discord.js gateway (one replica). It translates and delivers; the
 * engine decides.
 */
import type { PlatformAdapter } from '../../runtime/types.js';
import { createGatewayAdapter, type DiscordAdapterOptions } from './gateway.js';
import { createHttpInteractionsAdapter } from './http/http-adapter.js';

export type { DiscordAdapterOptions } from './gateway.js';
export { DISCORD_INTERACTIONS_PATH } from './http/http-adapter.js';

export function createDiscordAdapter(options: DiscordAdapterOptions): PlatformAdapter {
  if (options.env.DISCORD_PUBLIC_KEY) return createHttpInteractionsAdapter(options);
  return createGatewayAdapter(options);
}
