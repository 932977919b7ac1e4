/**
 * Live progress of a job in Slack, over signed requests and the fake Slack's
 * recorded `chat.update` calls: the job's message shows done / failed / left
 * and an ETA, at most once every 2 s, with Cancel while it runs; the end is
 * always the last update; Cancel during the run stops it before its next item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, CHANNEL, pendingIdOf, SlackHarness } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

const agora = () => h.runtime.emulators.agora;

/** Rooms whose DELETE takes `delays[i]` ms each (the emulator waits before acting). */
function slowRooms(prefix: string, delays: number[]): string[] {
  return delays.map((delayMs, i) => {
    const id = agora().state.createRoom({
      name: `${prefix}-${i}`,
      description: 'job progress test',
      owner: 'alice',
      members: [],
      maxusers: 100,
      custom: '',
    }).id;
    agora().server.injectFault({ kind: 'delay', delayMs, path: `/chatrooms/${id}` });
    return id;
  });
}

/**
 * Asks for the bulk delete and approves it: with a click, or, over
 * `bulkTypeToConfirm` (default 10) rooms, with the account name typed in the
 * modal the click opens; either way the prompt becomes the job's message.
 */
async function start(selector: string, options: { typed?: string } = {}): Promise<{ jobId: string }> {
  const prompt = await h.ask(`delete agora ${selector}`, ADMIN);
  const started = options.typed
    ? await h.pressTyped(pendingIdOf(prompt), options.typed, ADMIN).then(async ({ click, submitted }) => {
        expect(submitted.body).toBe('');
        return (await h.fake.waitForPosts(1, click.responseUrl))[0]!;
      })
    : await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
  const blocks = started.body.blocks as { elements?: { action_id?: string; value?: string }[] }[];
  const jobId = blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id?.startsWith('job_cancel:'))!.value!;
  return { jobId };
}

const updatesFor = (jobId: string) =>
  h.fake.calls.filter((c) => c.method === 'chat.update' && (c.form.text ?? '').includes(`Job ${jobId} `));

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('job progress in Slack', () => {
  it('updates the message with done / failed / left and an ETA at most every 2 s, and ends with the outcome', async () => {
    // All five are in flight at once: they finish 0.2, 1.2, 2.4, 3.6 and 4.8 s in.
    slowRooms('prog', [200, 1_200, 2_400, 3_600, 4_800]);
    const { jobId } = await start('match=prog-*');
    await waitFor(() => updatesFor(jobId).some((u) => u.form.text!.includes('finished')));
    const updates = updatesFor(jobId);
    const progress = updates.slice(0, -1);
    const end = updates.at(-1)!;
    expect(end.form.channel).toBe(CHANNEL);
    expect(end.form.text).toContain(`Job ${jobId} finished: 5 done, 0 failed of 5`);
    expect(end.form.blocks).not.toContain('job_cancel');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const p of progress) {
      expect(p.form.text).toMatch(new RegExp(`^Job ${jobId} running: \\d done, 0 failed, \\d left`));
      expect(p.form.blocks).toContain(`job_cancel:${jobId}`);
      expect(p.form.ts).toBe(end.form.ts);
    }
    expect(progress.some((p) => /about [\ds]+.* to go/.test(p.form.text!))).toBe(true);
    // Every later update, the end aside, comes 2 s or more after the one before it.
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(1_950);
  });

  it('Cancel during the run stops before the next item; done rooms stay deleted, the rest stay', async () => {
    // Several items are in flight at once (about rateLimit / 20): more rooms than that, each slow;
    // more than bulkTypeToConfirm, so the approval is the account name typed in the modal.
    const rooms = slowRooms(
      'stop',
      Array.from({ length: 12 }, () => 1_500),
    );
    const { jobId } = await start('match=stop-*', { typed: 'agora' });
    await waitFor(() => updatesFor(jobId).length > 0);
    const cancelled = await h.press(`job_cancel:${jobId}`, jobId, ADMIN2);
    expect(JSON.stringify(cancelled.body)).toContain('stops before its next item');
    await waitFor(() => updatesFor(jobId).some((u) => u.form.text!.includes('was cancelled')));
    const end = updatesFor(jobId).at(-1)!;
    const left = rooms.filter((r) => agora().rooms.has(r)).length;
    expect(left).toBeGreaterThan(0);
    expect(end.form.text).toContain(`${12 - left} done, 0 failed, ${left} not run of 12`);
    expect(end.form.blocks).not.toContain('job_');
  });
});
