/**
 * The HTTP transport's answers: a modal goes out as type 9 in the HTTP
 * response; a handler still busy at 2.5 s is deferred privately by the
 * guard (Discord invalidates the token at 3 s) and its late answer becomes a
 * webhook edit the fake Discord records (after a click's guard, a new
 * message is a follow-up instead); a modal cannot follow the guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_MS, httpResponder } from '../../../src/platforms/discord/http/http-responder.js';
import { parseRawInteraction } from '../../../src/platforms/discord/http/raw-interaction.js';
import { publicKeyFrom } from '../../../src/platforms/discord/http/verify-signature.js';
import { WebhookClient } from '../../../src/platforms/discord/http/webhook-client.js';
import type { DiscordInteraction } from '../../../src/platforms/discord/interaction.js';
import { buttonClick, chatInput, FakeDiscord } from '../../fakes/discord/index.js';
import { ADMIN, BOT_TOKEN } from './harness.js';

type Json = Record<string, unknown>;
let fake: FakeDiscord;
let webhooks: WebhookClient;

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: BOT_TOKEN });
  webhooks = new WebhookClient({ apiUrl: fake.apiUrl, timeoutMs: 2_000 });
});
afterAll(async () => {
  await webhooks?.close();
  await fake?.close();
});

function parsed(payload: Json): DiscordInteraction {
  const result = parseRawInteraction(payload);
  if (result.kind !== 'interaction') throw new Error(`not an interaction: ${JSON.stringify(result)}`);
  return result.interaction;
}

/** A responder whose HTTP answers are recorded by the fake as this interaction's callback. */
function rig(payload: Json) {
  const tracked = fake.trackHttpInteraction(payload);
  const answers: { status: number; body: unknown }[] = [];
  let guarded = 0;
  const respond = httpResponder(
    parsed(payload),
    async (status, body) => {
      answers.push({ status, body });
      tracked.answered(status, body);
    },
    webhooks,
    () => guarded++,
  );
  return { respond, answers, sent: tracked.sent, guarded: () => guarded };
}

describe('HTTP responder', () => {
  it('answers a modal as type 9 in the HTTP response', async () => {
    const { respond, answers } = rig(buttonClick(ADMIN, 'bulk_confirm:op-1', '1100000000000000555'));
    const modal = {
      custom_id: 'bulk_confirm:op-1',
      title: 'Confirm delete',
      components: [
        {
          type: 18,
          label: 'Type the account name',
          component: { type: 4, custom_id: 'typed', style: 1, min_length: 1, max_length: 64 },
        },
      ],
    };
    await respond.initial({ type: 9, data: modal as never });
    respond.dispose();
    expect(answers).toEqual([{ status: 200, body: { type: 9, data: modal } }]);
  });

  it(`defers privately at ${GUARD_MS} ms when the handler is still busy, then edits through the webhook`, async () => {
    const { respond, answers, sent, guarded } = rig(chatInput(ADMIN, 'list', { account: 'agora' }));
    await new Promise((r) => setTimeout(r, GUARD_MS + 200));
    expect(guarded()).toBe(1);
    expect(answers).toEqual([{ status: 200, body: { type: 5, data: { flags: 64 } } }]);
    const callback = fake.callsFor(sent.token).find((c) => c.via === 'http-response')!;
    expect(callback.status).toBe(204);

    // The handler's own answer arrives late: it becomes the edit of the deferred message.
    await respond.initial({
      type: 4,
      data: { content: 'late answer', flags: 64, allowed_mentions: { parse: [] } },
    });
    const edit = fake.callsFor(sent.token).find((c) => c.method === 'PATCH')!;
    expect(edit.path).toMatch(/\/messages\/@original$/);
    expect(edit.status).toBe(200);
    expect(edit.body).toEqual({ content: 'late answer', allowed_mentions: { parse: [] } });
    await expect(
      respond.initial({ type: 9, data: { custom_id: 'x', title: 'x', components: [] } }),
    ).rejects.toThrow(/first answer/);
    respond.dispose();
  });
});

describe('HTTP responder after the guard on a click', () => {
  it('turns a late new message (type 4) into a follow-up, leaving the clicked message as it is', async () => {
    const messageId = '1100000000000000556';
    const { respond, answers, sent } = rig(buttonClick(ADMIN, 'job_cancel:j_0123456789abcdef', messageId));
    await new Promise((r) => setTimeout(r, GUARD_MS + 200));
    expect(answers).toEqual([{ status: 200, body: { type: 6 } }]);
    await respond.initial({
      type: 4,
      data: { content: 'Not allowed', flags: 64, allowed_mentions: { parse: [] } },
    });
    const calls = fake.callsFor(sent.token).filter((c) => c.via !== 'http-response');
    expect(calls.map((c) => c.method)).toEqual(['POST']);
    expect(calls[0]!.status).toBe(200);
    expect((calls[0]!.body as Json).flags).toBe(64);
    expect(fake.messages.byId.get(messageId)!.history).toEqual([]);
    respond.dispose();
  });
});

describe('DISCORD_PUBLIC_KEY', () => {
  it('refuses a key that is not 64 hex characters, naming the variable and the form', () => {
    for (const bad of ['', 'abc', 'zz'.repeat(32), 'ab'.repeat(33)]) {
      expect(() => publicKeyFrom(bad)).toThrow(/DISCORD_PUBLIC_KEY must be .*64 hexadecimal characters/);
    }
  });
});
