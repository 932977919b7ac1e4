/**
 * Durable jobs from Discord over signed HTTP interactions (issue 10): the
 * real server with DISCORD_PUBLIC_KEY and DISCORD_TOKEN set, the real engine
 * and job runner over the Agora emulator, the fake Discord signing requests
 * and recording RoomOps' HTTP answers and webhook calls. The job's message
 * carries its buttons and ends with the report; a large plan's confirm is
 * answered with the modal in the HTTP response (type 9); a wrong name gets
 * type 4 ephemeral; a refused job button an ephemeral follow-up; a token the
 * webhook refuses is replaced by the bot token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, chatInput, modalSubmit, type RecordedCall } from '../../fakes/discord/index.js';
import { ADMIN, embedText, expectNoMentionsAnywhere, MODERATOR, VIEWER } from './harness.js';
import { type HttpRig, startHttpRig } from './http-harness.js';
import { agoraRooms, customIds, endOf, jobOn } from './job-helpers.js';

type Json = Record<string, unknown>;
let rig: HttpRig;

beforeAll(async () => {
  rig = await startHttpRig({ botToken: true, bulkTypeToConfirm: 3, jobPollMs: 100 });
});
afterAll(async () => rig?.close());

const isEdit = (c: RecordedCall) => c.method === 'PATCH' && c.path.endsWith('/messages/@original');
const isFollowUp = (c: RecordedCall) => c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path);
/** `/room delete account:agora match:<glob>` → the prompt's message id and pending id. */
async function prompt(match: string): Promise<{ messageId: string; pendingId: string }> {
  const command = await rig.discord.post(chatInput(ADMIN, 'delete', { account: 'agora', match }));
  expect(command.answer).toEqual({ type: 5, data: {} });
  const edit = (await rig.until(command.sent, (cs) => cs.some(isEdit))).find(isEdit)!;
  const confirm = customIds((edit.body as Json).components).find((id) => id.startsWith('room_confirm:'))!;
  const messageId = rig.fake.messages.original.get(command.sent.token)!;
  const pendingId = confirm.slice('room_confirm:'.length);
  await expect
    .poll(async () => (await rig.runtime.store.pending.get(pendingId))?.prompt)
    .toMatchObject({ messageId });
  return { messageId, pendingId };
}

describe('Discord jobs over HTTP interactions', () => {
  it('confirm (type 6) starts the job; its message gets Cancel, refuses a viewer privately, and ends with the report', async () => {
    const rooms = agoraRooms(rig.runtime, 'hj', [0, 1_000]);
    const p = await prompt('hj-*');
    const clicked = await rig.discord.post(buttonClick(ADMIN, `room_confirm:${p.pendingId}`, p.messageId));
    expect(clicked.answer).toEqual({ type: 6 });
    const jobId = await jobOn(rig.fake, p.messageId, 'cancel');

    const historyBefore = rig.fake.messages.byId.get(p.messageId)!.history.length;
    const refused = await rig.discord.post(buttonClick(VIEWER, `job_cancel:${jobId}`, p.messageId));
    expect(refused.answer).toEqual({ type: 6 });
    const notice = (await rig.until(refused.sent, (cs) => cs.some(isFollowUp))).find(isFollowUp)!;
    expect((notice.body as Json).flags).toBe(64);
    expect(embedText(notice.body as Json)).toContain('Not allowed');
    expect(rig.webhooksFor(refused.sent).some(isEdit)).toBe(false);

    const end = await endOf(rig.fake, jobId);
    expect(embedText(end.body as Json)).toContain(`Job ${jobId} finished: 2 done, 0 failed of 2`);
    expect(end.path).toMatch(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    expect(customIds(rig.fake.messages.byId.get(p.messageId)!.components)).toEqual([]);
    expect(rig.fake.messages.byId.get(p.messageId)!.history.length).toBeGreaterThan(historyBefore);
    expect(rooms.some((r) => rig.runtime.emulators.agora.rooms.has(r))).toBe(false);
    expectNoMentionsAnywhere(rig.fake);
  });

  it('over the threshold: the click is answered with the modal (type 9); a wrong name gets type 4 ephemeral; the right one runs', async () => {
    const rooms = agoraRooms(rig.runtime, 'hm', [0, 0, 0, 0]);
    const p = await prompt('hm-*');
    const opened = await rig.discord.post(buttonClick(MODERATOR, `room_confirm:${p.pendingId}`, p.messageId));
    expect(opened.answer).toMatchObject({
      type: 9,
      data: {
        custom_id: `bulk_confirm:${p.pendingId}`,
        components: [{ type: 18, component: { type: 4, custom_id: 'typed' } }],
      },
    });
    expect(rig.fake.callsFor(opened.sent.token).find((c) => c.via === 'http-response')!.status).toBe(204);

    const wrong = await rig.discord.post(
      modalSubmit(MODERATOR, `bulk_confirm:${p.pendingId}`, { typed: 'rong' }, p.messageId),
    );
    expect(wrong.answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(embedText(wrong.answer!.data as Json)).toContain('type agora exactly');
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('pending');
    expect(rooms.every((r) => rig.runtime.emulators.agora.rooms.has(r))).toBe(true);
    expect(customIds(rig.fake.messages.byId.get(p.messageId)!.components)).toContain(
      `room_confirm:${p.pendingId}`,
    );

    // The classic (action-row) form of the same answer is read too.
    const right = await rig.discord.post(
      modalSubmit(MODERATOR, `bulk_confirm:${p.pendingId}`, { typed: 'agora' }, p.messageId, {
        classic: true,
      }),
    );
    expect(right.answer).toEqual({ type: 6 });
    const jobId = await jobOn(rig.fake, p.messageId, 'cancel');
    await endOf(rig.fake, jobId);
    expect(rooms.some((r) => rig.runtime.emulators.agora.rooms.has(r))).toBe(false);
    expectNoMentionsAnywhere(rig.fake);
  });

  it("when the webhook refuses the click's token, the job's message is edited with the bot token", async () => {
    agoraRooms(rig.runtime, 'ht', [0, 1_500]);
    const p = await prompt('ht-*');
    const clicked = await rig.discord.post(buttonClick(ADMIN, `room_confirm:${p.pendingId}`, p.messageId));
    const jobId = await jobOn(rig.fake, p.messageId, 'cancel');
    rig.fake.expiredTokens.add(clicked.sent.token);
    const end = await endOf(rig.fake, jobId);
    const channelId = rig.fake.messages.byId.get(p.messageId)!.channelId;
    expect(end.path).toBe(`/channels/${channelId}/messages/${p.messageId}`);
    expect(end.authorization).toMatch(/^Bot /);
    expect(embedText(rig.fake.messages.byId.get(p.messageId)! as unknown as Json)).toContain(
      `Job ${jobId} finished`,
    );
  });
});
