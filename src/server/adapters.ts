/**
 * Which platform adapters to run, from the environment (DESIGN.md
 * "Environment"). Each platform library is imported only when its adapter
 * starts, so a Slack-only deployment never loads discord.js and vice versa.
 */
import type { RequestListener } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { PlatformAdapter, Runtime } from '../runtime/types.js';

export type ServedAdapter = PlatformAdapter & { requestListener?: RequestListener };

interface AdapterFactoryOptions {
  runtime: Runtime;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

type DiscordModule = { createDiscordAdapter(options: AdapterFactoryOptions): ServedAdapter };

export function slackConfigured(env: NodeJS.ProcessEnv): boolean {
  return !!env.SLACK_BOT_TOKEN && !!(env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET);
}

/** The gateway needs the bot token; HTTP interactions need only the public key. */
export function discordConfigured(env: NodeJS.ProcessEnv): boolean {
  return !!env.DISCORD_TOKEN || !!env.DISCORD_PUBLIC_KEY;
}

export async function createAdapters(options: AdapterFactoryOptions): Promise<ServedAdapter[]> {
  const adapters: ServedAdapter[] = [];
  if (slackConfigured(options.env)) {
    const { createSlackAdapter } = await import('../platforms/slack/index.js');
    adapters.push(createSlackAdapter(options));
  } else if (options.env.SLACK_BOT_TOKEN) {
    options.logger.warn(
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET: Slack is not started',
    );
  }
  if (discordConfigured(options.env)) {
    // A variable specifier: the Discord adapter is another engineer's module, loaded only when configured.
    const specifier = '../platforms/discord/index.js';
    const { createDiscordAdapter } = (await import(specifier)) as DiscordModule;
    adapters.push(createDiscordAdapter(options));
  }
  return adapters;
}
