/**
 * Socket Mode: `apps.connections.open`, hello, a slash command envelope acked
 * at once, the answer via response_url; a type-to-confirm modal's submission
 * answered in the envelope's ack (`response_action: errors`, or empty).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blockActionsPayload, slashCommandFields, viewSubmissionPayload } from '../../fakes/slack/index.js';
import { ADMIN, ADMIN2, CHANNEL, pendingIdOf, SlackHarness, shown } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start({ socket: true, bulkTypeToConfirm: 2 });
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

it('answers a type-to-confirm submission in its envelope ack: a wrong name as an inline error, the right one empty', async () => {
  const rooms = ['sock-a', 'sock-b', 'sock-c'].map(
    (name) =>
      h.runtime.emulators.agora.state.createRoom({
        name,
        description: 'socket mode modal',
        owner: 'alice',
        members: [],
        maxusers: 100,
        custom: '',
      }).id,
  );
  const commandUrl = h.fake.responseUrl();
  await h.fake.sendEnvelope(
    'slash_commands',
    slashCommandFields('delete agora match=sock-*', ADMIN, CHANNEL, commandUrl),
  );
  const [prompt] = await h.fake.waitForPosts(1, commandUrl);
  const clickUrl = h.fake.responseUrl();
  const triggerId = h.fake.issueTrigger();
  await h.fake.sendEnvelope(
    'interactive',
    blockActionsPayload(
      { actionId: 'room_confirm', value: pendingIdOf(prompt!) },
      ADMIN2,
      CHANNEL,
      clickUrl,
      {
        triggerId,
      },
    ),
  );
  const modal = await h.fake.waitForModal(triggerId);
  const wrong = await h.fake.sendEnvelope(
    'interactive',
    viewSubmissionPayload(modal.view, { confirm_account: { typed: 'agora-prod' } }, ADMIN2),
  );
  expect(wrong.payload).toMatchObject({
    response_action: 'errors',
    errors: { confirm_account: expect.stringContaining('type agora exactly') },
  });
  expect(rooms.every((r) => h.runtime.emulators.agora.rooms.has(r))).toBe(true);
  const right = await h.fake.sendEnvelope(
    'interactive',
    viewSubmissionPayload(modal.view, { confirm_account: { typed: 'agora' } }, ADMIN2),
  );
  expect(right.payload ?? {}).toEqual({});
  const [rewritten] = await h.fake.waitForPosts(1, clickUrl);
  expect(rewritten!.body.replace_original).toBe(true);
  expect(shown(rewritten!)).toContain('job_cancel:');
});
