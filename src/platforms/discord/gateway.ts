/**
 * The gateway transport: a discord.js client (Guilds intent only, no
 * privileged intents) receiving interactions over the gateway WebSocket.
 * One replica only (DESIGN.md "Rules every part keeps"); for several, use
 * HTTP interactions (http/http-adapter.ts).
 */
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Status } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { PlatformAdapter, Runtime } from '../../runtime/types.js';
import type { PendingAction } from '../../store/types.js';
import { discordRestOptions } from './rest-options.js';
import { editExpiredPrompt, restEditor } from './expired-prompt.js';
import { fromGateway, gatewayResponder } from './gateway-interaction.js';
import { handleInteraction, STOPPING } from './handle-interaction.js';
import { NO_MENTIONS } from './interaction.js';
import { interactionCore } from './interaction-core.js';
import { errorFields } from './log-error.js';

export interface DiscordAdapterOptions {
  runtime: Pick<Runtime, 'engine' | 'store' | 'jobRunner'>;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** How long an interaction token is used for edits (default a little under Discord's 15 minutes; tests shorten it). */
  webhookTokenLifetimeMs?: number;
}

/** Local ceiling for interaction endpoints only; not a Discord limit. */
const INTERACTION_REQUESTS_PER_SECOND = 1000;

export function createGatewayAdapter({
  runtime,
  env,
  logger,
  webhookTokenLifetimeMs,
}: DiscordAdapterOptions): PlatformAdapter {
  const token = env.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set: the Discord gateway needs the bot token');
  const log = logger.child({ platform: 'discord', transport: 'gateway' });
  const api = discordRestOptions(env);
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
  const editor = restEditor(client.rest, botRest);
  // Whichever replica runs a job edits its message, wherever the interaction arrived.
  const { ctx, inFlight, lifetime, stopShowingJobs } = interactionCore(
    runtime,
    editor,
    log,
    webhookTokenLifetimeMs,
  );
  let accepting = false;

  client.on(Events.InteractionCreate, (raw) => {
    if (!accepting) {
      // Shutting down: say so rather than let Discord report a failure.
      if (raw.isRepliable()) {
        void raw
          .reply({ content: STOPPING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
          .catch(() => undefined);
      }
      return;
    }
    const parsed = fromGateway(raw);
    if (!parsed) return;
    void inFlight.run(() => handleInteraction(parsed.interaction, gatewayResponder(parsed.source), ctx));
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
      // Interactions still arriving during the drain are handled (DESIGN.md "Operations");
      // only once nothing is in flight does the one gateway connection close.
      stopShowingJobs();
      await inFlight.drain();
      accepting = false;
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
      await editExpiredPrompt(editor, pending, lifetime);
    },
  };
}
