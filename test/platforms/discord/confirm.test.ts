/**
 * Destructive actions only through the buttons: the public prompt, approval
 * (user- and role-based), two simultaneous clicks deleting once, refusal
 * leaving the prompt as it is, cancel, and expiry rewriting the prompt.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  buttonClick,
  type FakeDiscord,
  type SentInteraction,
} from '../../fakes/discord/index.js';
import {
  ADMIN,
  callbackData,
  embedText,
  expectNoMentionsAnywhere,
  isCallback,
  isEdit,
  isFollowUp,
  MODERATOR,
  OPERATOR,
  type Rig,
  startRig,
  VIEWER,
} from './harness.js';

type Json = Record<string, unknown>;
const SHELL = {
  principal: { platform: 'shell' as const, id: 'shell:test', groups: [] },
  place: { platform: 'shell' as const },
};

async function createRongRoom(rig: Rig, id: string): Promise<void> {
  const outcome = await rig.runtime.engine.handle({ ...SHELL, text: `create rong ${id}` });
  expect(outcome.type).toBe('result');
}

const destroyCalls = (rig: Rig) =>
  rig.runtime.emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/chatroom/destroy.json'));

interface Prompt {
  sent: SentInteraction;
  messageId: string;
  pendingId: string;
  confirmId: string;
  cancelId: string;
}

/** `/room delete` by `actor`; returns the public prompt once its pending action is attached. */
async function requestDelete(rig: Rig, actor: Actor, room: string): Promise<Prompt> {
  const sent = rig.slash(actor, 'delete', { account: 'rong', room });
  const calls = await rig.until(sent, (cs) => cs.some(isEdit));
  expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 0 } });
  const edit = calls.find(isEdit)!.body as { components: { components: Json[] }[] };
  const [confirm, cancel] = edit.components[0]!.components as {
    custom_id: string;
    style: number;
    label: string;
  }[];
  const pendingId = confirm!.custom_id.slice('room_confirm:'.length);
  const messageId = rig.fake.messages.original.get(sent.token)!;
  await expect
    .poll(async () => (await rig.runtime.store.pending.get(pendingId))?.prompt)
    .toMatchObject({ platform: 'discord', messageId });
  return { sent, messageId, pendingId, confirmId: confirm!.custom_id, cancelId: cancel!.custom_id };
}

function click(fake: FakeDiscord, actor: Actor, customId: string, messageId: string): SentInteraction {
  return fake.sendInteraction(buttonClick(actor, customId, messageId));
}

const promptOf = (rig: Rig, p: Prompt) => rig.fake.messages.byId.get(p.messageId)!;

describe('confirmation flow', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(() => expectNoMentionsAnywhere(rig.fake));
  afterAll(async () => rig?.close());

  it('posts a public prompt with Danger confirm and Secondary cancel buttons', async () => {
    await createRongRoom(rig, 'c-prompt');
    // Other tests share the rig (and may run first): only this prompt's calls count.
    const destroysBefore = destroyCalls(rig).length;
    const p = await requestDelete(rig, ADMIN, 'c-prompt');
    const buttons = promptOf(rig, p).components[0]!.components as Json[];
    expect(buttons).toEqual([
      expect.objectContaining({
        type: 2,
        style: 4,
        custom_id: `room_confirm:${p.pendingId}`,
        label: 'Delete',
      }),
      expect.objectContaining({
        type: 2,
        style: 2,
        custom_id: `room_cancel:${p.pendingId}`,
        label: 'Cancel',
      }),
    ]);
    expect(promptOf(rig, p).flags & 64).toBe(0);
    expect(embedText(promptOf(rig, p) as unknown as Json)).toContain('c-prompt');
    expect(destroyCalls(rig)).toHaveLength(destroysBefore);
    expect(rig.runtime.emulators.rongcloud.rooms.has('c-prompt')).toBe(true);
  });

  it('approval by a role-based admin deletes once and rewrites the prompt without buttons', async () => {
    await createRongRoom(rig, 'c-approve');
    const before = destroyCalls(rig).length;
    const p = await requestDelete(rig, ADMIN, 'c-approve');
    const c = click(rig.fake, MODERATOR, p.confirmId, p.messageId);
    const calls = await rig.until(c, (cs) => cs.some(isEdit));
    expect(calls.find(isCallback)!.body).toEqual({ type: 6 });
    expect(c.callbackAfterMs).toBeLessThan(3000);
    expect(destroyCalls(rig).length).toBe(before + 1);
    expect(rig.runtime.emulators.rongcloud.rooms.has('c-approve')).toBe(false);
    const prompt = promptOf(rig, p);
    expect(prompt.components).toEqual([]);
    expect(embedText(prompt as unknown as Json)).toMatch(
      /Approved by:\*\* <@400000000000000002> at <t:\d+:f>/,
    );
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('done');
  });

  it('two simultaneous confirm clicks reach the vendor exactly once', async () => {
    await createRongRoom(rig, 'c-race');
    const before = destroyCalls(rig).length;
    const p = await requestDelete(rig, ADMIN, 'c-race');
    const first = click(rig.fake, ADMIN, p.confirmId, p.messageId);
    const second = click(rig.fake, MODERATOR, p.confirmId, p.messageId);
    // Both are acknowledged at once; one wins and edits the prompt, the other is told privately.
    await rig.fake.waitFor(() => [first, second].every((s) => rig.fake.callsFor(s.token).some(isEdit)));
    await rig.fake.waitFor(() => [first, second].some((s) => rig.fake.callsFor(s.token).some(isFollowUp)));
    for (const s of [first, second])
      expect(rig.fake.callsFor(s.token).find(isCallback)!.body).toEqual({ type: 6 });
    expect(destroyCalls(rig).length).toBe(before + 1);
    const loser = [first, second].find((s) => rig.fake.callsFor(s.token).some(isFollowUp))!;
    const notice = rig.fake.callsFor(loser.token).find(isFollowUp)!.body as Json;
    expect(notice.flags).toBe(64);
    expect(embedText(notice)).toMatch(/Already approved/);
    const prompt = promptOf(rig, p);
    expect(prompt.components).toEqual([]);
    expect(embedText(prompt as unknown as Json)).toMatch(/Approved by/);
  });

  it('refuses a role-based operator privately and leaves the prompt untouched', async () => {
    await createRongRoom(rig, 'c-deny-role');
    const p = await requestDelete(rig, ADMIN, 'c-deny-role');
    const historyBefore = promptOf(rig, p).history.length;
    const c = click(rig.fake, OPERATOR, p.confirmId, p.messageId);
    const calls = await rig.until(c, (cs) => cs.some(isFollowUp));
    const refusal = calls.find(isFollowUp)!.body as Json;
    expect(refusal.flags).toBe(64);
    expect(embedText(refusal)).toMatch(/Not allowed/);
    expect(calls.some(isEdit)).toBe(false);
    expect(promptOf(rig, p).history.length).toBe(historyBefore);
    expect(promptOf(rig, p).components).toHaveLength(1);
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('pending');
    expect(rig.runtime.emulators.rongcloud.rooms.has('c-deny-role')).toBe(true);
  });

  it('refuses a user with only the default viewer role', async () => {
    await createRongRoom(rig, 'c-deny-user');
    const p = await requestDelete(rig, ADMIN, 'c-deny-user');
    const c = click(rig.fake, VIEWER, p.confirmId, p.messageId);
    const calls = await rig.until(c, (cs) => cs.some(isFollowUp));
    expect((calls.find(isFollowUp)!.body as Json).flags).toBe(64);
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('pending');
  });

  it('refuses the delete request itself to an operator at once, privately', async () => {
    const sent = rig.slash(OPERATOR, 'delete', { account: 'rong', room: 'lobby' });
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    expect((calls.find(isCallback)!.body as { type: number }).type).toBe(4);
    expect(callbackData(calls.find(isCallback)!).flags).toBe(64);
    expect(embedText(callbackData(calls.find(isCallback)!))).toContain('denied');
  });

  it('cancel by the requester removes the buttons and deletes nothing', async () => {
    await createRongRoom(rig, 'c-cancel');
    const before = destroyCalls(rig).length;
    const p = await requestDelete(rig, ADMIN, 'c-cancel');
    const c = click(rig.fake, ADMIN, p.cancelId, p.messageId);
    await rig.until(c, (cs) => cs.some(isEdit));
    const prompt = promptOf(rig, p);
    expect(prompt.components).toEqual([]);
    expect(embedText(prompt as unknown as Json)).toMatch(/Cancelled by:\*\* <@400000000000000001>/);
    expect(destroyCalls(rig).length).toBe(before);
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('cancelled');
    // A late confirm after the cancel changes nothing and is answered privately.
    const late = click(rig.fake, ADMIN, p.confirmId, p.messageId);
    const lateCalls = await rig.until(late, (cs) => cs.some(isFollowUp));
    expect(embedText(lateCalls.find(isFollowUp)!.body as Json)).toMatch(/Already cancelled/);
    expect(destroyCalls(rig).length).toBe(before);
  });

  it('answers a click on an unknown confirmation privately', async () => {
    const c = click(rig.fake, ADMIN, 'room_confirm:does-not-exist', '1100000000000000777');
    const calls = await rig.until(c, (cs) => cs.some(isFollowUp));
    expect((calls.find(isFollowUp)!.body as Json).flags).toBe(64);
  });
});

describe('expiry', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ confirmTimeoutMinutes: 0.01 });
  });
  afterEach(() => expectNoMentionsAnywhere(rig.fake));
  afterAll(async () => rig?.close());

  async function expireAll(): Promise<void> {
    await new Promise((r) => setTimeout(r, 700));
    for (const pending of await rig.runtime.engine.expireDue(['discord']))
      await rig.adapter.showExpired(pending);
  }

  it('rewrites an expired prompt through the interaction webhook, buttons gone; a late click deletes nothing', async () => {
    await createRongRoom(rig, 'e-one');
    const p = await requestDelete(rig, ADMIN, 'e-one');
    await expireAll();
    const edits = rig.fake.callsFor(p.sent.token).filter(isEdit);
    expect(edits).toHaveLength(2);
    expect(edits[1]!.authorization).toBeUndefined();
    const prompt = promptOf(rig, p);
    expect(prompt.components).toEqual([]);
    expect(embedText(prompt as unknown as Json)).toMatch(/Expired/);
    const late = click(rig.fake, ADMIN, p.confirmId, p.messageId);
    await rig.until(late, (cs) => cs.some(isEdit));
    expect(destroyCalls(rig)).toHaveLength(0);
    expect(rig.runtime.emulators.rongcloud.rooms.has('e-one')).toBe(true);
  });

  it('falls back to editing the channel message with the bot token when the interaction token is refused', async () => {
    await createRongRoom(rig, 'e-two');
    const p = await requestDelete(rig, ADMIN, 'e-two');
    rig.fake.expiredTokens.add(p.sent.token);
    await expireAll();
    const channelEdit = rig.fake.calls.find(
      (c) =>
        c.method === 'PATCH' && c.path === `/channels/${promptOf(rig, p).channelId}/messages/${p.messageId}`,
    );
    expect(channelEdit?.status).toBe(200);
    expect(channelEdit!.authorization).toMatch(/^Bot /);
    expect(promptOf(rig, p).components).toEqual([]);
  });

  it('edits the channel message directly once the 15-minute token has lapsed', async () => {
    await createRongRoom(rig, 'e-three');
    const p = await requestDelete(rig, ADMIN, 'e-three');
    await new Promise((r) => setTimeout(r, 700));
    const [pending] = await rig.runtime.engine.expireDue(['discord']);
    const webhookCallsBefore = rig.fake.callsFor(p.sent.token).length;
    await rig.adapter.showExpired({ ...pending!, createdAt: new Date(Date.now() - 20 * 60_000) });
    expect(rig.fake.callsFor(p.sent.token).length).toBe(webhookCallsBefore);
    expect(promptOf(rig, p).components).toEqual([]);
    expect(embedText(promptOf(rig, p) as unknown as Json)).toMatch(/Expired/);
  });
});
