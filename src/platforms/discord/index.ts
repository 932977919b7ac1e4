/**
 * The Discord front end: a discord.js gateway client (Guilds intent only, no
 * privileged intents) that turns `/room` interactions into engine calls and
 * shows the outcomes. It translates and delivers; the engine decides. Pending
 * actions live in the store, so a reconnect or restart loses nothing.
 */
import { Client, Events, GatewayIntentBits, type Interaction, MessageFlags, REST, Status } from 'discord.js';
import { newErrorId } from '../../core/error-id.js';
import type { Logger } from '../../core/logger.js';
import type { PlatformAdapter, Runtime } from '../../runtime/types.js';
import type { PendingAction } from '../../store/types.js';
import { handleAutocomplete } from './autocomplete.js';
import { handleButton } from './buttons.js';
import type { HandlerContext } from './context.js';
import { editExpiredPrompt } from './expired-prompt.js';
import { errorFields } from './log-error.js';
import { NO_MENTIONS } from './message.js';
import { PageCache } from './page-cache.js';
import { handleSlashCommand } from './slash-command.js';

export interface DiscordAdapterOptions {
  runtime: Pick<Runtime, 'engine'>;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}

/** Local ceiling for interaction endpoints only; not a Discord limit. */
const INTERACTION_REQUESTS_PER_SECOND = 1000;

const STOPPING = 'RoomOps is restarting; try again in a moment.';
const failed = (errorId: string) =>
  `Something went wrong while handling this; nothing more was done (error id ${errorId}). The operators can find details in the RoomOps log.`;

export function createDiscordAdapter({ runtime, env, logger }: DiscordAdapterOptions): PlatformAdapter {
  const token = env.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set: the Discord adapter needs the bot token');
  const log = logger.child({ platform: 'discord' });
  const api = env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {};
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    // Nearly all of this client's calls are interaction callbacks and
    // interaction webhooks, which Discord exempts from the bot's global
    // 50 requests/s (Discord docs, topics/rate-limits "Global Rate Limit");
    // @discordjs/rest would otherwise queue every edit behind that budget.
    // Per-route limits from Discord's headers still apply.
    rest: { ...api, globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND },
  });
  // Calls that carry the bot token (editing an expired prompt's channel
  // message) keep the real global limit.
  const botRest = new REST(api).setToken(token);
  const ctx: HandlerContext = { engine: runtime.engine, pages: new PageCache(), logger: log };
  const inFlight = new Set<Promise<void>>();
  let accepting = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) {
      // Shutting down: say so rather than let Discord report a failure.
      if (interaction.isRepliable()) {
        void interaction
          .reply({ content: STOPPING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
          .catch(() => undefined);
      }
      return;
    }
    const work = route(interaction, ctx).catch((error: unknown) => answerFailure(interaction, error, log));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'discord: gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'discord: gateway resumed'));
  client.on(Events.Error, (error) => log.error(errorFields(error), 'discord: client error'));

  return {
    name: 'discord',
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      accepting = true;
      await client.login(token);
      await ready;
      log.info({ user: client.user?.tag }, 'discord: connected to the gateway');
    },
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
    status() {
      const state = client.ws.status;
      const connected = client.isReady() && state === Status.Ready;
      return {
        connected,
        detail: connected ? `gateway ready (ping ${client.ws.ping} ms)` : `gateway ${Status[state] ?? state}`,
      };
    },
    async showExpired(pending: PendingAction) {
      await editExpiredPrompt({ interactions: client.rest, bot: botRest }, pending);
    },
  };
}

async function route(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  if (interaction.isChatInputCommand()) return handleSlashCommand(interaction, ctx);
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, ctx);
  if (interaction.isButton()) return handleButton(interaction, ctx);
}

/** Last resort for an unexpected failure: log it and tell the person privately, in whatever way is still open. */
async function answerFailure(interaction: Interaction, error: unknown, log: Logger): Promise<void> {
  const errorId = newErrorId();
  log.error(
    { ...errorFields(error), errorId, interaction: interaction.id, type: interaction.type },
    'discord: interaction failed',
  );
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const body = {
      content: failed(errorId),
      flags: MessageFlags.Ephemeral as const,
      allowedMentions: NO_MENTIONS,
    };
    if (!interaction.replied && !interaction.deferred) {
      await interaction.reply(body);
      return;
    }
    // A public "thinking…" placeholder would stay forever: withdraw it first.
    if (interaction.isChatInputCommand() && interaction.deferred && !interaction.ephemeral) {
      await interaction.deleteReply().catch(() => undefined);
    }
    await interaction.followUp(body);
  } catch (second) {
    log.warn(
      { ...errorFields(second), interaction: interaction.id },
      'discord: could not report the failure',
    );
  }
}
