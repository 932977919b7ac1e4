/**
 * @discordjs/rest options for every REST client RoomOps makes: the API base
 * (DISCORD_API_URL) and the outbound timeout. Its defaults are 15 s per
 * attempt with 3 retries, about a minute for one edit; ROOMOPS_OUTBOUND_TIMEOUT_MS
 * and OUTBOUND_RETRIES keep Discord in line with Slack and the vendors.
 */
import type { RESTOptions } from 'discord.js';
import { OUTBOUND_RETRIES, outboundTimeoutMs } from '../outbound-timeout.js';

export function discordRestOptions(env: NodeJS.ProcessEnv): Partial<RESTOptions> {
  return {
    ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}),
    timeout: outboundTimeoutMs(env),
    retries: OUTBOUND_RETRIES,
  };
}
