/**
 * Durable jobs from Discord over the gateway (issue 10): the real discord.js
 * client against the fake Discord, the real engine and job runner over the
 * Agora emulator. Selector, schedule and grace options reach the engine as
 * the text grammar's do; a confirmed job's message carries its buttons
 * (job_cancel, job_undo, job_retry), shows progress at most every 2 s and
 * ends with the final report in the same message; a large plan asks for the
 * account name in a modal; refusals go to the clicker alone; after the
 * interaction token lapses the bot token edits the message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  buttonClick,
  type FakeDiscord,
  modalSubmit,
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
  type Rig,
  startRig,
  VIEWER,
} from './harness.js';
import { agoraRooms, customIds, endOf, jobOn, reportEdits } from './job-helpers.js';

type Json = Record<string, unknown>;

interface Prompt {
  sent: SentInteraction;
  messageId: string;
  pendingId: string;
}

/** `/room delete …` by `actor`: the public prompt, once its place is recorded. */
async function requestDelete(
  rig: Rig,
  actor: Actor,
  options: Record<string, string | boolean>,
): Promise<Prompt> {
  const sent = rig.slash(actor, 'delete', { account: 'agora', ...options });
  await rig.until(sent, (cs) => cs.some(isEdit));
  const messageId = rig.fake.messages.original.get(sent.token)!;
  const confirm = customIds(rig.fake.messages.byId.get(messageId)!.components).find((id) =>
    id.startsWith('room_confirm:'),
  );
  expect(confirm, 'a confirm button').toBeDefined();
  const pendingId = confirm!.slice('room_confirm:'.length);
  await expect
    .poll(async () => (await rig.runtime.store.pending.get(pendingId))?.prompt)
    .toMatchObject({ messageId });
  return { sent, messageId, pendingId };
}

function click(fake: FakeDiscord, actor: Actor, customId: string, messageId: string): SentInteraction {
  return fake.sendInteraction(buttonClick(actor, customId, messageId));
}

/** Approves the prompt with a click and returns the job id from the job buttons the prompt now has. */
async function approve(rig: Rig, p: Prompt, control = 'cancel'): Promise<string> {
  const c = click(rig.fake, ADMIN, `room_confirm:${p.pendingId}`, p.messageId);
  await rig.until(c, (cs) => cs.some(isEdit));
  return jobOn(rig.fake, p.messageId, control);
}

const shown = (rig: Rig, messageId: string) =>
  embedText(rig.fake.messages.byId.get(messageId)! as unknown as Json);

describe('Discord jobs over the gateway', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ runJobs: true, bulkTypeToConfirm: 5 });
  });
  afterEach(() => expectNoMentionsAnywhere(rig.fake));
  afterAll(async () => rig?.close());

  it('typed selector options reach the engine as match= does; bad ones are refused naming the field', async () => {
    agoraRooms(rig.runtime, 'opt', [0, 0]);
    const p = await requestDelete(rig, ADMIN, { match: 'opt-*' });
    expect(shown(rig, p.messageId)).toContain('2 rooms');
    expect((await rig.runtime.store.pending.get(p.pendingId))!.rooms).toHaveLength(2);

    const cases: [Record<string, string | boolean>, RegExp][] = [
      [{ match: 'opt-*', older: '7x' }, /older: expected a duration such as 90s, 15m, 2h or 7d/],
      [{ room: 'x1', in: 'soon' }, /in: expected a duration/],
      [{ room: 'x1', grace: '1h', in: '2h' }, /grace: give grace= or at=\/in=, not both/],
      [{}, /room: missing; expected room id\(s\), comma-separated, or a selector \(match, empty, older\)/],
    ];
    for (const [options, message] of cases) {
      const sent = rig.slash(ADMIN, 'delete', { account: 'agora', ...options });
      const calls = await rig.until(sent, (cs) => cs.some(isCallback));
      const callback = calls.find(isCallback)!;
      expect((callback.body as { type: number }).type, JSON.stringify(options)).toBe(4);
      expect(callbackData(callback).flags).toBe(64);
      expect(embedText(callbackData(callback))).toMatch(message);
    }
    // A later option must not slide into the missing room's place.
    const kick = rig.slash(ADMIN, 'kick', { account: 'agora', user: 'u1' });
    const kicked = await rig.until(kick, (cs) => cs.some(isCallback));
    expect(embedText(callbackData(kicked.find(isCallback)!))).toMatch(/room: missing/);
  });

  it('confirm runs the job: progress at most every 2 s with Cancel, then the final report in the same message', async () => {
    agoraRooms(rig.runtime, 'prog', [200, 1_200, 2_400, 3_600, 4_800]);
    const p = await requestDelete(rig, ADMIN, { match: 'prog-*' });
    const jobId = await approve(rig, p);
    const end = await endOf(rig.fake, jobId);
    expect(embedText(end.body as Json)).toContain(`Job ${jobId} finished: 5 done, 0 failed of 5`);
    expect(customIds((end.body as Json).components)).toEqual([]);
    expect(shown(rig, p.messageId)).toContain(`Job ${jobId} finished`);
    const progress = reportEdits(rig.fake, jobId).filter((c) =>
      embedText(c.body as Json).includes('running'),
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const u of progress) {
      expect(embedText(u.body as Json)).toMatch(
        new RegExp(`Job ${jobId} running: \\d done, 0 failed, \\d left`),
      );
      expect(customIds((u.body as Json).components)).toEqual([`job_cancel:${jobId}`]);
      expect(u.path).toMatch(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    }
    expect(progress.some((u) => /to go/.test(embedText(u.body as Json)))).toBe(true);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(1_950);
    expect(progress.at(-1)!.at).toBeLessThanOrEqual(end.at);
  });

  it('Cancel mid-run stops before the next item; done rooms stay deleted, the rest stay', async () => {
    // About rateLimit / 20 (3 on Agora) items are in flight at once, newest room first: the first
    // ends soon, the others are slow, so the fifth has not started when Cancel comes (5 rooms: no modal here).
    const rooms = agoraRooms(rig.runtime, 'stop', [3_000, 3_000, 3_000, 3_000, 300]);
    const p = await requestDelete(rig, ADMIN, { match: 'stop-*' });
    const jobId = await approve(rig, p);
    await rig.fake.waitFor(() =>
      reportEdits(rig.fake, jobId).some((c) => /running/.test(embedText(c.body as Json))),
    );
    const c = click(rig.fake, MODERATOR, `job_cancel:${jobId}`, p.messageId);
    const calls = await rig.until(c, (cs) => cs.some(isEdit));
    expect(calls.find(isCallback)!.body).toEqual({ type: 6 });
    expect(embedText(calls.find(isEdit)!.body as Json)).toContain('stops before its next item');
    const end = await endOf(rig.fake, jobId);
    const left = rooms.filter((r) => rig.runtime.emulators.agora.rooms.has(r)).length;
    expect(left).toBeGreaterThan(0);
    expect(embedText(end.body as Json)).toContain(`${5 - left} done, 0 failed, ${left} not run of 5`);
  });

  it('over bulkTypeToConfirm: the click opens a modal; a wrong name is told privately and changes nothing; the right one runs', async () => {
    const rooms = agoraRooms(rig.runtime, 'big', [0, 0, 0, 0, 0, 0]);
    const p = await requestDelete(rig, ADMIN, { match: 'big-*' });
    expect(shown(rig, p.messageId)).toContain('account name agora typed');
    const opened = click(rig.fake, MODERATOR, `room_confirm:${p.pendingId}`, p.messageId);
    const callback = (await rig.until(opened, (cs) => cs.some(isCallback))).find(isCallback)!;
    expect(callback.status).toBe(204);
    expect(callback.body).toMatchObject({
      type: 9,
      data: {
        custom_id: `bulk_confirm:${p.pendingId}`,
        components: [
          { type: 18, component: { type: 4, custom_id: 'typed', style: 1, min_length: 1, max_length: 100 } },
        ],
      },
    });
    expect(String(callbackData(callback).title).length).toBeLessThanOrEqual(45);
    const historyBefore = rig.fake.messages.byId.get(p.messageId)!.history.length;

    const wrong = rig.fake.sendInteraction(
      modalSubmit(MODERATOR, `bulk_confirm:${p.pendingId}`, { typed: 'agora-prod' }, p.messageId),
    );
    const wrongCalls = await rig.until(wrong, (cs) => cs.some(isCallback));
    const reply = wrongCalls.find(isCallback)!;
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(embedText(callbackData(reply))).toContain('That is not the account name: type agora exactly');
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('pending');
    expect(rig.fake.messages.byId.get(p.messageId)!.history.length).toBe(historyBefore);
    expect(rooms.every((r) => rig.runtime.emulators.agora.rooms.has(r))).toBe(true);

    // A forged form id is refused before any lookup.
    const forged = rig.fake.sendInteraction(
      modalSubmit(MODERATOR, 'bulk_confirm:../x', { typed: 'agora' }, p.messageId),
    );
    const forgedReply = (await rig.until(forged, (cs) => cs.some(isCallback))).find(isCallback)!;
    expect(forgedReply.body).toMatchObject({ type: 4, data: { flags: 64 } });

    // Someone who may not approve gets no modal, and a submitted form is authorized as a click.
    const viewerClick = click(rig.fake, VIEWER, `room_confirm:${p.pendingId}`, p.messageId);
    const viewerCalls = await rig.until(viewerClick, (cs) => cs.some(isFollowUp));
    expect(viewerCalls.find(isCallback)!.body).toEqual({ type: 6 });
    expect(embedText(viewerCalls.find(isFollowUp)!.body as Json)).toContain('Not allowed');
    const viewerForm = rig.fake.sendInteraction(
      modalSubmit(VIEWER, `bulk_confirm:${p.pendingId}`, { typed: 'agora' }, p.messageId),
    );
    const viewerFormCalls = await rig.until(viewerForm, (cs) => cs.some(isFollowUp));
    expect((viewerFormCalls.find(isFollowUp)!.body as Json).flags).toBe(64);
    expect(viewerFormCalls.some(isEdit)).toBe(false);
    expect((await rig.runtime.store.pending.get(p.pendingId))!.state).toBe('pending');
    expect(rig.fake.messages.byId.get(p.messageId)!.history.length).toBe(historyBefore);

    const right = rig.fake.sendInteraction(
      modalSubmit(MODERATOR, `bulk_confirm:${p.pendingId}`, { typed: ' agora ' }, p.messageId),
    );
    const rightCalls = await rig.until(right, (cs) => cs.some(isEdit));
    expect(rightCalls.find(isCallback)!.body).toEqual({ type: 6 });
    const jobId = await jobOn(rig.fake, p.messageId, 'cancel');
    expect(shown(rig, p.messageId)).toMatch(/Approved by/);
    await endOf(rig.fake, jobId);
    expect(rooms.some((r) => rig.runtime.emulators.agora.rooms.has(r))).toBe(false);
  });

  it('a grace delete offers Undo, which cancels the job and unmutes; refused clickers get an ephemeral and nothing changes', async () => {
    const [room] = agoraRooms(rig.runtime, 'grace', [0]);
    const p = await requestDelete(rig, ADMIN, { room: room!, grace: '1h' });
    const jobId = await approve(rig, p, 'undo');
    expect(customIds(rig.fake.messages.byId.get(p.messageId)!.components)).toEqual([`job_undo:${jobId}`]);
    expect(rig.runtime.emulators.agora.rooms.get(room!)?.mute).toBe(true);

    const historyBefore = rig.fake.messages.byId.get(p.messageId)!.history.length;
    const refused = click(rig.fake, VIEWER, `job_undo:${jobId}`, p.messageId);
    const refusedCalls = await rig.until(refused, (cs) => cs.some(isFollowUp));
    expect((refusedCalls.find(isFollowUp)!.body as Json).flags).toBe(64);
    expect(embedText(refusedCalls.find(isFollowUp)!.body as Json)).toContain('Not allowed');
    expect(refusedCalls.some(isEdit)).toBe(false);
    expect(rig.fake.messages.byId.get(p.messageId)!.history.length).toBe(historyBefore);
    expect(rig.runtime.emulators.agora.rooms.get(room!)?.mute).toBe(true);

    const undo = click(rig.fake, MODERATOR, `job_undo:${jobId}`, p.messageId);
    const undoCalls = await rig.until(undo, (cs) => cs.some(isEdit));
    expect(embedText(undoCalls.find(isEdit)!.body as Json)).toContain(
      `job ${jobId} cancelled and ${room} unmuted`,
    );
    expect(customIds(rig.fake.messages.byId.get(p.messageId)!.components)).toEqual([]);
    expect(rig.runtime.emulators.agora.rooms.get(room!)?.mute).toBe(false);
    expect(rig.runtime.emulators.agora.rooms.has(room!)).toBe(true);
    expect((await rig.runtime.store.jobs.get(jobId))!.state).toBe('cancelled');
  });

  it('a change scheduled with in: needs no confirmation: the command answer itself is the job message', async () => {
    const [room] = agoraRooms(rig.runtime, 'unmute', [0]);
    rig.runtime.emulators.agora.rooms.get(room!)!.mute = true;
    const sent = rig.slash(ADMIN, 'mute', { account: 'agora', room: room!, enabled: false, in: '2s' });
    await rig.until(sent, (cs) => cs.some(isEdit));
    const messageId = rig.fake.messages.original.get(sent.token)!;
    const jobId = await jobOn(rig.fake, messageId, 'cancel');
    // The deferred reply's ids come from the edit: recorded for the bot token's later edits.
    await expect
      .poll(async () => (await rig.runtime.store.jobs.get(jobId))?.prompt)
      .toMatchObject({
        platform: 'discord',
        messageId,
        channelId: rig.fake.messages.byId.get(messageId)!.channelId,
      });
    const end = await endOf(rig.fake, jobId);
    expect(embedText(end.body as Json)).toContain(`Job ${jobId} finished: 1 done, 0 failed of 1`);
    expect(end.path).toMatch(new RegExp(`^/webhooks/\\d+/${sent.token}/messages/@original$`));
    expect(rig.runtime.emulators.agora.rooms.get(room!)!.mute).toBe(false);
  });

  it('a scheduled in: job waits with Cancel (refused to a viewer), then runs and ends in the same message', async () => {
    const [room] = agoraRooms(rig.runtime, 'later', [0]);
    const p = await requestDelete(rig, ADMIN, { room: room!, in: '3s' });
    expect(shown(rig, p.messageId)).toMatch(/UTC/);
    const jobId = await approve(rig, p);
    expect((await rig.runtime.store.jobs.get(jobId))!.state).toBe('scheduled');
    const refused = click(rig.fake, VIEWER, `job_cancel:${jobId}`, p.messageId);
    const refusedCalls = await rig.until(refused, (cs) => cs.some(isFollowUp));
    expect((refusedCalls.find(isFollowUp)!.body as Json).flags).toBe(64);
    expect(refusedCalls.some(isEdit)).toBe(false);
    const end = await endOf(rig.fake, jobId);
    expect(embedText(end.body as Json)).toContain(`Job ${jobId} finished: 1 done, 0 failed of 1`);
    expect(rig.runtime.emulators.agora.rooms.has(room!)).toBe(false);
  });

  it('Retry failed (refused to a viewer) makes a new job that takes the message over', async () => {
    const [a, b] = agoraRooms(rig.runtime, 'retry', [0, 0]);
    rig.runtime.emulators.agora.server.injectFault({
      kind: 'status',
      status: 403,
      path: `/chatrooms/${b}`,
      count: 50,
    });
    const p = await requestDelete(rig, ADMIN, { match: 'retry-*' });
    const jobId = await approve(rig, p);
    const end = await endOf(rig.fake, jobId);
    expect(embedText(end.body as Json)).toContain(
      `Job ${jobId} finished with failures: 1 done, 1 failed of 2`,
    );
    expect(embedText(end.body as Json)).toContain(`${b}: `);
    await expect
      .poll(() => customIds(rig.fake.messages.byId.get(p.messageId)!.components))
      .toEqual([`job_retry:${jobId}`]);
    expect(rig.runtime.emulators.agora.rooms.has(a!)).toBe(false);

    const refused = click(rig.fake, VIEWER, `job_retry:${jobId}`, p.messageId);
    const refusedCalls = await rig.until(refused, (cs) => cs.some(isFollowUp));
    expect((refusedCalls.find(isFollowUp)!.body as Json).flags).toBe(64);
    expect(refusedCalls.some(isEdit)).toBe(false);

    rig.runtime.emulators.agora.server.faults.length = 0;
    const retry = click(rig.fake, ADMIN, `job_retry:${jobId}`, p.messageId);
    const retryCalls = await rig.until(retry, (cs) => cs.some(isEdit));
    expect(embedText(retryCalls.find(isEdit)!.body as Json)).toContain(`again on ${b}`);
    const retryId = (await rig.runtime.store.jobs.list({ limit: 5 })).find((j) =>
      j.description.startsWith(`Retry of ${jobId}`),
    )!.id;
    expect((await rig.runtime.store.jobs.get(retryId))!.prompt).toMatchObject({
      platform: 'discord',
      messageId: p.messageId,
    });
    const retryEnd = await endOf(rig.fake, retryId);
    expect(embedText(retryEnd.body as Json)).toContain(`Job ${retryId} finished: 1 done, 0 failed of 1`);
    expect(rig.runtime.emulators.agora.rooms.has(b!)).toBe(false);
  });
});

describe('after the interaction token lapsed', () => {
  let rig: Rig;
  beforeAll(async () => {
    // Every token counts as lapsed at once: the job's edits must go with the bot token.
    rig = await startRig({ runJobs: true, webhookTokenLifetimeMs: 0 });
  });
  afterAll(async () => rig?.close());

  it('edits the job message with the bot token (PATCH /channels/{channel}/messages/{message})', async () => {
    agoraRooms(rig.runtime, 'late', [0, 1_200, 2_400]);
    const p = await requestDelete(rig, ADMIN, { match: 'late-*' });
    const jobId = await approve(rig, p);
    const end = await endOf(rig.fake, jobId);
    const channelId = rig.fake.messages.byId.get(p.messageId)!.channelId;
    for (const edit of reportEdits(rig.fake, jobId)) {
      expect(edit.path).toBe(`/channels/${channelId}/messages/${p.messageId}`);
      expect(edit.authorization).toMatch(/^Bot /);
    }
    expect(embedText(end.body as Json)).toContain(`Job ${jobId} finished: 3 done`);
    expect(shown(rig, p.messageId)).toContain(`Job ${jobId} finished`);
  });
});
