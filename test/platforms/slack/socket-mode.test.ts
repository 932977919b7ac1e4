/** Socket Mode: `apps.connections.open`, hello, a slash command envelope acked at once, the answer via response_url. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slashCommandFields } from '../../fakes/slack/index.js';
import { ADMIN, CHANNEL, SlackHarness, shown } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start({ socket: true });
  await h.fake.waitForSocketClient();
});
afterAll(async () => h?.close());

it('connects with the app token and reports connected on /healthz', async () => {
  expect(h.fake.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
  const health = await fetch(`${h.server.url}/healthz`);
  expect(health.status).toBe(200);
});

it('does not serve /slack/events over HTTP (Socket Mode wins over the signing secret)', async () => {
  const reply = await fetch(`${h.server.url}/slack/events`, { method: 'POST', body: 'x' });
  expect(reply.status).toBe(404);
});

it('acks a /room envelope at once and answers through the response_url', async () => {
  const responseUrl = h.fake.responseUrl();
  const started = performance.now();
  const ack = await h.fake.sendEnvelope(
    'slash_commands',
    slashCommandFields('list watch', ADMIN, CHANNEL, responseUrl),
  );
  expect(performance.now() - started).toBeLessThan(1000);
  expect(ack.envelope_id).toBeTruthy();
  const [post] = await h.fake.waitForPosts(1, responseUrl);
  expect(post!.status).toBe(200);
  expect(post!.body.response_type).toBe('ephemeral');
  expect(shown(post!)).toContain('match-day');
});
