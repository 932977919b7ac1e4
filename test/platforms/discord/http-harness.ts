/**
 * Discord HTTP interactions end to end: the real server (`serve`) with
 * DISCORD_PUBLIC_KEY set, the real engine over the sandbox emulators, and
 * the fake Discord signing requests with a generated Ed25519 key and
 * recording every webhook call. Only Discord is faked.
 */
import { createLogger } from '../../../src/core/logger.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../../src/app/sandbox-runtime.js';
import { type RunningServer, serve } from '../../../src/app/compose.js';
import {
  APP_ID,
  DiscordInteractionSender,
  FakeDiscord,
  generateSigningKey,
  type RecordedCall,
  type SentInteraction,
} from '../../fakes/discord/index.js';
import { ACCESS, BOT_TOKEN } from './harness.js';

export interface HttpRig {
  fake: FakeDiscord;
  runtime: SandboxRuntime;
  server: RunningServer;
  discord: DiscordInteractionSender;
  /** The webhook calls made for one interaction (its HTTP answer excluded). */
  webhooksFor(sent: SentInteraction): RecordedCall[];
  /** Waits until `done` holds over the interaction's webhook calls. */
  until(sent: SentInteraction, done: (calls: RecordedCall[]) => boolean): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export async function startHttpRig(
  options: {
    botToken?: boolean;
    storeUrl?: string;
    bulkTypeToConfirm?: number;
    /** How often the served process looks for due jobs (default 1 s). */
    jobPollMs?: number;
  } = {},
): Promise<HttpRig> {
  const fake = await FakeDiscord.start({ token: BOT_TOKEN });
  const key = generateSigningKey();
  const logger = createLogger(process.env.ROOMOPS_TEST_LOG ?? 'silent');
  const runtime = await startSandboxRuntime({
    access: ACCESS,
    logger,
    ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}),
    ...(options.bulkTypeToConfirm !== undefined ? { bulkTypeToConfirm: options.bulkTypeToConfirm } : {}),
    ...(options.jobPollMs !== undefined ? { jobPollMs: options.jobPollMs } : {}),
  });
  const server = await serve({
    runtime,
    env: {
      DISCORD_PUBLIC_KEY: key.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      ...(options.botToken ? { DISCORD_TOKEN: BOT_TOKEN } : {}),
    },
    logger,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    expiryIntervalMs: 200,
  });
  const discord = new DiscordInteractionSender(fake, key, `${server.url}/discord/interactions`);
  const webhooksFor = (sent: SentInteraction) =>
    fake.callsFor(sent.token).filter((c) => c.via !== 'http-response');
  return {
    fake,
    runtime,
    server,
    discord,
    webhooksFor,
    async until(sent, done) {
      await fake.waitFor(() => done(webhooksFor(sent)));
      return webhooksFor(sent);
    },
    async close() {
      await server.stop();
      await fake.close();
    },
  };
}
