/**
 * One end-to-end rig: the fake Discord, the real sandbox runtime (engine,
 * store, four vendor emulators) and the real Discord adapter (discord.js
 * client) connected to the fake. Only the platform is faked.
 */
import { expect } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { createDiscordAdapter } from '../../../src/platforms/discord/index.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../../src/app/sandbox-runtime.js';
import type { PlatformAdapter } from '../../../src/runtime/types.js';
import {
  type Actor,
  APP_ID,
  chatInput,
  FakeDiscord,
  type RecordedCall,
  type SentInteraction,
} from '../../fakes/discord/index.js';

export const BOT_TOKEN = 'fake-bot-token.discord.test';

export const ADMIN: Actor = { id: '400000000000000001', username: 'ada' };
export const MODERATOR: Actor = { id: '400000000000000002', username: 'mo', roles: ['500000000000000009'] };
export const OPERATOR: Actor = { id: '400000000000000003', username: 'otto', roles: ['500000000000000002'] };
export const VIEWER: Actor = { id: '400000000000000004', username: 'vic' };

/** Admin by user id, admin and operator by role id, everyone else a viewer. */
export const ACCESS = {
  default: 'viewer',
  roles: { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] },
  users: {
    [`discord:${ADMIN.id}`]: 'admin',
    'discord:role:500000000000000009': 'admin',
    'discord:role:500000000000000002': 'operator',
  },
};

export interface Rig {
  fake: FakeDiscord;
  runtime: SandboxRuntime;
  adapter: PlatformAdapter;
  slash(
    actor: Actor,
    subcommand: string,
    options?: Record<string, string | number | boolean | undefined>,
  ): SentInteraction;
  /** Waits for the interaction's calls until `done` holds over them. */
  until(
    sent: SentInteraction,
    done: (calls: RecordedCall[]) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export async function startRig(
  options: {
    access?: unknown;
    confirmTimeoutMinutes?: number;
    storeUrl?: string;
    storeTimeoutMs?: number;
    /** Run jobs in this process (the job runner started, polling every 100 ms). */
    runJobs?: boolean;
    bulkTypeToConfirm?: number;
    /** How long the adapter uses an interaction token before it edits with the bot token. */
    webhookTokenLifetimeMs?: number;
  } = {},
): Promise<Rig> {
  const fake = await FakeDiscord.start({ token: BOT_TOKEN });
  const logger = createLogger(process.env.ROOMOPS_TEST_LOG ?? 'silent');
  const runtime = await startSandboxRuntime({
    access: options.access ?? ACCESS,
    logger,
    ...(options.confirmTimeoutMinutes !== undefined
      ? { confirmTimeoutMinutes: options.confirmTimeoutMinutes }
      : {}),
    ...(options.storeUrl !== undefined ? { storeUrl: options.storeUrl } : {}),
    ...(options.storeTimeoutMs !== undefined ? { storeTimeoutMs: options.storeTimeoutMs } : {}),
    ...(options.bulkTypeToConfirm !== undefined ? { bulkTypeToConfirm: options.bulkTypeToConfirm } : {}),
    ...(options.runJobs ? { jobPollMs: 100 } : {}),
  });
  const adapter = createDiscordAdapter({
    runtime,
    env: { DISCORD_TOKEN: BOT_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl },
    logger,
    ...(options.webhookTokenLifetimeMs !== undefined
      ? { webhookTokenLifetimeMs: options.webhookTokenLifetimeMs }
      : {}),
  });
  await adapter.start();
  if (options.runJobs) runtime.jobRunner.start();
  return {
    fake,
    runtime,
    adapter,
    slash: (actor, subcommand, opts = {}) => fake.sendInteraction(chatInput(actor, subcommand, opts)),
    async until(sent, done, timeoutMs = 10_000) {
      await fake.waitFor(() => done(fake.callsFor(sent.token)), timeoutMs);
      return fake.callsFor(sent.token);
    },
    async close() {
      await adapter.stop();
      await runtime.close();
      await fake.close();
    },
  };
}

export const isCallback = (c: RecordedCall) => c.path.endsWith('/callback');
export const isEdit = (c: RecordedCall) => c.method === 'PATCH' && c.path.endsWith('/messages/@original');
export const isFollowUp = (c: RecordedCall) =>
  c.method === 'POST' && c.path.startsWith('/webhooks/') && !c.path.includes('/messages');
export const isDelete = (c: RecordedCall) => c.method === 'DELETE' && c.path.endsWith('/messages/@original');

type Json = Record<string, unknown>;
export const bodyOf = (c: RecordedCall) => c.body as Json;
export const callbackData = (c: RecordedCall) => (c.body as { type: number; data?: Json }).data ?? {};
export const embedsOf = (data: Json) => (data.embeds as Json[] | undefined) ?? [];
/** The embeds as one string, markdown escapes removed, for `toContain` checks. */
export const embedText = (data: Json) => JSON.stringify(embedsOf(data)).replace(/\\\\(.)/g, '$1');

/** Every message the bot sent or edited carried `allowed_mentions: { parse: [] }`. */
export function expectNoMentionsAnywhere(fake: FakeDiscord): void {
  const carrying = fake.calls.filter((c) => {
    if (c.method === 'GET' || c.method === 'DELETE' || c.method === 'PUT') return false;
    if (isCallback(c)) return [4, 7].includes((c.body as { type?: number } | undefined)?.type ?? 0);
    return c.path.startsWith('/webhooks/') || c.path.startsWith('/channels/');
  });
  for (const c of carrying) {
    const data = isCallback(c) ? callbackData(c) : bodyOf(c);
    expect(data.allowed_mentions, `${c.method} ${c.path}`).toEqual({ parse: [] });
  }
}
