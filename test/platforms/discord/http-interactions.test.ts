/**
 * Discord HTTP interactions at `POST /discord/interactions`: only correctly
 * signed, fresh requests are served (401 otherwise, nothing run); PING;
 * every interaction answered in the HTTP response (errors and autocomplete
 * at once, commands deferred then edited through the webhook, buttons 6/7);
 * the same access rules and confirmations as the gateway; a replayed
 * interaction answered 200 and ignored.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, buttonClick, chatInput } from '../../fakes/discord/index.js';
import { ADMIN, embedText, expectNoMentionsAnywhere, OPERATOR, VIEWER } from './harness.js';
import { type HttpRig, startHttpRig } from './http-harness.js';

type Json = Record<string, unknown>;
let rig: HttpRig;

beforeAll(async () => {
  rig = await startHttpRig();
});
afterAll(async () => {
  await rig?.close();
});

const isEdit = (c: { method: string; path: string }) =>
  c.method === 'PATCH' && c.path.endsWith('/messages/@original');
const isFollowUp = (c: { method: string; path: string }) =>
  c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path);
const auditCount = async () => (await rig.runtime.store.audit.query({ limit: 1000 })).length;

describe('request verification', () => {
  it('answers PING with {"type":1}', async () => {
    const ping = await rig.discord.post({
      id: '1100000000000000001',
      application_id: '1000000000000000001',
      type: 1,
      token: 'tok-ping',
      version: 1,
    });
    expect(ping.status).toBe(200);
    expect(ping.answer).toEqual({ type: 1 });
  });

  it('refuses with 401 a forged, missing, foreign-key, stale or future signature, or a tampered body — and runs nothing', async () => {
    const audit = await auditCount();
    const before = rig.runtime.emulators.watchers.server.log.length;
    const payload = chatInput(OPERATOR, 'create', {
      account: 'watch',
      room: 'forged-1',
      fields: 'name=F about=x',
    });
    const body = JSON.stringify(payload);
    const now = Math.floor(Date.now() / 1000);
    const other = generateKeyPairSync('ed25519').privateKey;
    const attempts = [
      { signature: 'ab'.repeat(64) },
      { signature: null },
      { signature: 'not-hex' },
      { signWith: other },
      { timestamp: String(now - 6 * 60) },
      { timestamp: String(now + 6 * 60) },
      { timestamp: 'yesterday' },
      { rawBody: body.replace('forged-1', 'forged-2') },
    ];
    for (const attempt of attempts) {
      // The tampered body is signed as the original: sign first, then swap.
      const options =
        'rawBody' in attempt
          ? {
              rawBody: attempt.rawBody,
              timestamp: String(now),
              signature: (await import('../../fakes/discord/index.js')).signRequest(
                rig.discord.key.privateKey,
                String(now),
                body,
              ),
            }
          : attempt;
      const reply = await rig.discord.post(payload, options);
      expect(reply.status, JSON.stringify(Object.keys(attempt))).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(rig.runtime.emulators.watchers.server.log.length).toBe(before);
    expect(await auditCount()).toBe(audit);
  });

  it('answers a signed but malformed interaction 400 naming the field', async () => {
    const payload = { ...chatInput(ADMIN, 'help'), id: '../../x' };
    const reply = await rig.discord.post(payload);
    expect(reply.status).toBe(400);
  });
});

describe('commands', () => {
  it('a read is deferred privately in the HTTP answer, then the result is PATCHed to @original', async () => {
    const posted = await rig.discord.post(chatInput(VIEWER, 'list', { account: 'agora' }));
    expect(posted.status).toBe(200);
    expect(posted.answer).toEqual({ type: 5, data: { flags: 64 } });
    expect(posted.ms).toBeLessThan(3000);
    const calls = await rig.until(posted.sent, (cs) => cs.some(isEdit));
    const edit = calls.find(isEdit)!;
    expect(edit.status).toBe(200);
    expect(edit.authorization).toBeUndefined();
    expect(embedText(edit.body as Json)).toContain('agora');
    expect((edit.body as Json).allowed_mentions).toEqual({ parse: [] });
  });

  it('bad input is answered at once, privately (type 4), naming the problem', async () => {
    const posted = await rig.discord.post(chatInput(VIEWER, 'list', { account: 'no-such-account' }));
    expect(posted.answer?.type).toBe(4);
    const data = posted.answer!.data as Json;
    expect(data.flags).toBe(64);
    expect(embedText(data)).toContain('no-such-account');
    expect(rig.webhooksFor(posted.sent)).toEqual([]);
  });

  it('access rules apply: a viewer may not create, and is told privately at once', async () => {
    const posted = await rig.discord.post(
      chatInput(VIEWER, 'create', { account: 'watch', room: 'v-1', fields: 'name=V about=x' }),
    );
    expect(posted.answer?.type).toBe(4);
    expect((posted.answer!.data as Json).flags).toBe(64);
  });

  it('autocomplete is answered in the HTTP response (type 8) with the accounts that match', async () => {
    const posted = await rig.discord.post(autocomplete(VIEWER, 'list', { account: 'ag' }, 'account'));
    expect(posted.answer?.type).toBe(8);
    const choices = (posted.answer!.data as { choices: { value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['agora']);
  });
});

describe('buttons', () => {
  it('delete → public prompt → confirm click (type 6) → the prompt is PATCHed with the approval, room gone', async () => {
    await rig.runtime.engine.handle({
      principal: { platform: 'shell', id: 'shell:test', groups: [] },
      place: { platform: 'shell' },
      text: 'create rong http-del-1',
    });
    const command = await rig.discord.post(
      chatInput(ADMIN, 'delete', { account: 'rong', room: 'http-del-1' }),
    );
    expect(command.answer).toEqual({ type: 5, data: {} });
    const [edit] = (await rig.until(command.sent, (cs) => cs.some(isEdit))).filter(isEdit);
    const buttons = ((edit!.body as Json).components as { components: { custom_id: string }[] }[])[0]!
      .components;
    const confirmId = buttons[0]!.custom_id;
    expect(confirmId).toMatch(/^room_confirm:/);
    const messageId = rig.fake.messages.original.get(command.sent.token)!;

    const clickPayload = buttonClick(ADMIN, confirmId, messageId);
    const clicked = await rig.discord.post(clickPayload);
    expect(clicked.answer).toEqual({ type: 6 });
    const decided = await rig.until(clicked.sent, (cs) => cs.some(isEdit));
    expect(embedText(decided.find(isEdit)!.body as Json)).toMatch(/approved/i);
    expect(rig.runtime.emulators.rongcloud.rooms.has('http-del-1')).toBe(false);
    expect(rig.fake.messages.byId.get(messageId)!.components).toEqual([]);

    // The same click delivered again (Discord retrying) is answered 200 and ignored.
    const destroys = rig.runtime.emulators.rongcloud.server.log.length;
    const webhooks = rig.webhooksFor(clicked.sent).length;
    const replay = await rig.discord.post(clickPayload, { rawBody: JSON.stringify(clickPayload) });
    expect(replay.status).toBe(200);
    expect(replay.answer).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.webhooksFor(clicked.sent)).toHaveLength(webhooks);
    expect(rig.runtime.emulators.rongcloud.server.log.length).toBe(destroys);
    expectNoMentionsAnywhere(rig.fake);
  });

  it('a long list flips in place (type 7) for the asker; anyone else is told privately (type 4)', async () => {
    // 25 answered reads, so the audit that follows runs to two pages.
    for (let i = 0; i < 25; i++) {
      const info = await rig.discord.post(chatInput(VIEWER, 'info', { account: 'rong', room: 'lobby' }));
      await rig.until(info.sent, (cs) => cs.some(isEdit));
    }
    const list = await rig.discord.post(chatInput(ADMIN, 'audit', { fields: 'limit=100' }));
    const [edit] = (await rig.until(list.sent, (cs) => cs.some(isEdit))).filter(isEdit);
    const rows = (edit!.body as Json).components as {
      components: { custom_id: string; disabled: boolean }[];
    }[];
    const next = rows.at(-1)!.components[1]!;
    expect(next.custom_id).toMatch(/^room_page:[A-Za-z0-9_-]{16}:1$/);
    const messageId = rig.fake.messages.original.get(list.sent.token)!;

    const flipped = await rig.discord.post(buttonClick(ADMIN, next.custom_id, messageId));
    expect(flipped.answer?.type).toBe(7);
    expect(embedText(flipped.answer!.data as Json)).toContain('Page 2/');

    const stranger = await rig.discord.post(buttonClick(VIEWER, next.custom_id, messageId));
    expect(stranger.answer?.type).toBe(4);
    const data = stranger.answer!.data as Json;
    expect(data.flags).toBe(64);
    expect(String(data.content)).toContain('Only the person who ran this command');
  });
});

describe('replays', () => {
  it('a command delivered twice runs once: the second delivery gets an empty 200', async () => {
    const payload = chatInput(OPERATOR, 'create', {
      account: 'watch',
      room: 'replay-1',
      fields: 'name=Replay about=x',
    });
    const first = await rig.discord.post(payload);
    expect(first.answer?.type).toBe(5);
    await rig.until(first.sent, (cs) => cs.some(isEdit) || cs.some(isFollowUp));
    const creates = rig.runtime.emulators.watchers.server.log.length;
    const replay = await rig.discord.post(payload);
    expect(replay.status).toBe(200);
    expect(replay.answer).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.runtime.emulators.watchers.server.log.length).toBe(creates);
  });
});

describe('after the interaction token lapsed (15 minutes)', () => {
  const lapsedPrompt = async (r: HttpRig, room: string) => {
    const command = await r.discord.post(chatInput(ADMIN, 'delete', { account: 'rong', room }));
    const [edit] = (await r.until(command.sent, (cs) => cs.some(isEdit))).filter(isEdit);
    const confirm = ((edit!.body as Json).components as { components: { custom_id: string }[] }[])[0]!
      .components[0]!.custom_id;
    const pendingId = confirm.slice('room_confirm:'.length);
    const messageId = r.fake.messages.original.get(command.sent.token)!;
    await expect
      .poll(async () => (await r.runtime.store.pending.get(pendingId))?.prompt)
      .toMatchObject({ platform: 'discord', messageId });
    const pending = (await r.runtime.store.pending.get(pendingId))!;
    // As the expiry sweep would hand it over 20 minutes later: the token is no longer usable.
    return { pending: { ...pending, createdAt: new Date(Date.now() - 20 * 60_000) }, messageId };
  };
  const discordAdapter = (r: HttpRig) => r.server.adapters.find((a) => a.name === 'discord')!;

  it('with no bot token, the audit says the expired prompt could not be updated', async () => {
    const { pending } = await lapsedPrompt(rig, 'lapsed-1');
    await expect(discordAdapter(rig).showExpired(pending)).rejects.toThrow(/token lapsed/);
    const [entry] = await rig.runtime.store.audit.query({ action: 'delete', limit: 1 });
    expect(entry).toMatchObject({ outcome: 'expired', pendingId: pending.id });
    expect(entry!.detail).toContain('prompt_not_delivered');
  });

  it('with DISCORD_TOKEN set, the bot edits its channel message instead', async () => {
    const withBot = await startHttpRig({ botToken: true });
    try {
      const { pending, messageId } = await lapsedPrompt(withBot, 'lapsed-2');
      await discordAdapter(withBot).showExpired(pending);
      const edit = withBot.fake.calls.find(
        (c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${messageId}`),
      );
      expect(edit?.path).toMatch(/^\/channels\/\d+\/messages\/\d+$/);
      expect(edit?.authorization).toBe('Bot fake-bot-token.discord.test');
      expect(edit?.status).toBe(200);
      expect(withBot.fake.messages.byId.get(messageId)!.components).toEqual([]);
    } finally {
      await withBot.close();
    }
  });
});
