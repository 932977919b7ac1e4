/**
 * Expiry on mixed replicas (DESIGN.md "Rules every part keeps": with a shared
 * store any replica may act): a Slack-only replica must not take a Discord
 * prompt's expiry (it could not update the prompt, so the prompt would keep
 * its buttons forever); it expires only its own platform's prompts and the
 * Discord replica expires the Discord one. Two runtimes, one SQLite file, the
 * real `serve` with the fake Slack and the fake Discord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';
import { type RunningServer, serve } from '../../src/app/compose.js';
import { startExpiryTimer } from '../../src/server/expiry.js';
import { APP_ID, chatInput, FakeDiscord } from '../fakes/discord/index.js';
import {
  ADMIN as DISCORD_ADMIN,
  BOT_TOKEN as DISCORD_TOKEN,
  embedText,
  isEdit,
} from '../platforms/discord/harness.js';
import {
  ACCESS as SLACK_ACCESS,
  ADMIN as SLACK_ADMIN,
  SlackHarness,
  shown,
} from '../platforms/slack/harness.js';

const ACCESS = {
  ...SLACK_ACCESS,
  users: { ...SLACK_ACCESS.users, [`discord:${DISCORD_ADMIN.id}`]: 'admin' },
};
/** 600 ms: both prompts are overdue within a second. */
const CONFIRM_MINUTES = 0.01;
const logger = createLogger('silent');

let dir: string;
let slackReplica: SlackHarness;
let discordRuntime: SandboxRuntime;
let discordReplica: RunningServer;
let fakeDiscord: FakeDiscord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roomops-expiry-'));
  const storeUrl = `sqlite://${join(dir, 'shared.db')}`;
  slackReplica = await SlackHarness.start({
    access: ACCESS,
    storeUrl,
    confirmTimeoutMinutes: CONFIRM_MINUTES,
    expiryIntervalMs: 100,
  });
  fakeDiscord = await FakeDiscord.start({ token: DISCORD_TOKEN });
  discordRuntime = await startSandboxRuntime({
    access: ACCESS,
    storeUrl,
    confirmTimeoutMinutes: CONFIRM_MINUTES,
    logger,
  });
  discordReplica = await serve({
    runtime: discordRuntime,
    env: { DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fakeDiscord.apiUrl },
    logger,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    // Its own sweep is started by the test, once the Slack replica has had its chances.
    expiryIntervalMs: 3_600_000,
  });
});

afterAll(async () => {
  await discordReplica?.stop();
  await fakeDiscord?.close();
  await slackReplica?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('each replica expires only the prompts of the platforms it serves, and updates them', async () => {
  const slackPrompt = await slackReplica.ask('delete rong support-1', SLACK_ADMIN);
  expect(shown(slackPrompt)).toContain('room_confirm');

  const sent = fakeDiscord.sendInteraction(
    chatInput(DISCORD_ADMIN, 'delete', { account: 'rong', room: 'lobby' }),
  );
  await fakeDiscord.waitFor(() => fakeDiscord.callsFor(sent.token).some(isEdit), 10_000);
  const edit = fakeDiscord.callsFor(sent.token).find(isEdit)!.body as {
    components: { components: { custom_id: string }[] }[];
  };
  const discordPendingId = edit.components[0]!.components[0]!.custom_id.slice('room_confirm:'.length);
  await expect
    .poll(async () => (await discordRuntime.store.pending.get(discordPendingId))?.prompt?.platform)
    .toBe('discord');

  // The Slack replica sweeps every 100 ms: its own prompt is replaced ...
  const [, expired] = await slackReplica.fake.waitForPosts(2, slackPrompt.sent.responseUrl, 5000);
  expect(shown(expired!)).toContain('Expired');
  expect(expired!.body.replace_original).toBe(true);
  // ... and, several sweeps after the Discord prompt fell due too, that one is left alone.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await discordRuntime.store.pending.get(discordPendingId))?.state).toBe('pending');

  const sweep = startExpiryTimer(discordRuntime.engine, discordReplica.adapters, logger, 100);
  try {
    await fakeDiscord.waitFor(() => fakeDiscord.callsFor(sent.token).filter(isEdit).length >= 2, 5000);
    const last = fakeDiscord.callsFor(sent.token).filter(isEdit).at(-1)!.body as Record<string, unknown>;
    expect(embedText(last)).toMatch(/Expired/);
    expect(last.components).toEqual([]);
    expect((await discordRuntime.store.pending.get(discordPendingId))?.state).toBe('expired');
  } finally {
    await sweep.stop();
  }
  expect(slackReplica.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(true);
  expect(discordRuntime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
});
