/**
 * A job's buttons in Slack, end to end over signed requests: a confirmed
 * bulk delete offers Cancel (`job_cancel:<id>`), its message becomes the
 * final report by `chat.update` (failures in full, successes counted) with
 * Retry failed (`job_retry:<id>`); a delete in its grace period offers Undo
 * (`job_undo:<id>`), which cancels it and unmutes; a scheduled job's Cancel
 * stops it before it runs. Refusals go to the clicker alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, CHANNEL, pendingIdOf, SlackHarness, shown, VIEWER } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

const agora = () => h.runtime.emulators.agora;

const makeRooms = (prefix: string, n: number): string[] => h.agoraRooms(prefix, n);

/** The job id behind the first `job_<control>:` button of a message. */
function jobButton(post: { body: Record<string, unknown> }, control: string): string | undefined {
  const blocks = post.body.blocks as { elements?: { action_id?: string; value?: string }[] }[];
  for (const b of blocks ?? [])
    for (const e of b.elements ?? []) if (e.action_id?.startsWith(`job_${control}:`)) return e.value;
  return undefined;
}

/** The `chat.update` that shows how `jobId` ended (progress updates come before it). */
async function endOf(jobId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const end = h.fake.calls.find(
      (c) =>
        c.method === 'chat.update' &&
        /^Job \S+ (finished|was)/.test(c.form.text ?? '') &&
        c.form.text!.startsWith(`Job ${jobId} `),
    );
    if (end) return end;
    if (Date.now() > deadline) throw new Error(`no chat.update showing the end of ${jobId}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('job buttons in Slack', () => {
  it('a bulk delete offers Cancel, ends as a report with failures in full, and Retry failed runs them once more', async () => {
    const [a, b, c] = makeRooms('jb', 3);
    agora().server.injectFault({ kind: 'status', status: 403, path: `/chatrooms/${b}`, count: 50 });

    const prompt = await h.ask('delete agora match=jb-*', ADMIN);
    const started = await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
    expect(started.body.replace_original).toBe(true);
    const jobId = jobButton(started, 'cancel');
    expect(jobId).toMatch(/^j_[\w-]{16}$/);
    expect(h.runtime.store.jobs).toBeDefined();
    expect((await h.runtime.store.jobs.get(jobId!))?.prompt).toMatchObject({ channel: CHANNEL });

    const end = await endOf(jobId!);
    expect(end!.form.channel).toBe(CHANNEL);
    expect(end!.form.text).toContain(`Job ${jobId} finished with failures: 2 done, 1 failed of 3`);
    expect(end!.form.text).toContain(`${b}: `);
    const endBlocks = JSON.parse(end!.form.blocks!) as { elements?: { action_id?: string }[] }[];
    expect(endBlocks.flatMap((x) => x.elements ?? []).map((e) => e.action_id)).toEqual([
      `job_retry:${jobId}`,
    ]);
    expect(agora().rooms.has(a!)).toBe(false);
    expect(agora().rooms.has(b!)).toBe(true);
    expect(agora().rooms.has(c!)).toBe(false);

    // Not allowed to run deletes on agora: refused, privately, nothing created.
    const refused = await h.press(`job_retry:${jobId}`, jobId!, VIEWER);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(refused.body.replace_original).toBe(false);
    expect(shown(refused)).toContain('Not allowed');

    agora().server.faults.length = 0;
    // Two people click at once: one retry job, the other click is told so.
    const clicks = await Promise.all([
      h.press(`job_retry:${jobId}`, jobId!, ADMIN2),
      h.press(`job_retry:${jobId}`, jobId!, ADMIN),
    ]);
    const retried = clicks.find((c) => c.body.replace_original === true)!;
    const loser = clicks.find((c) => c !== retried)!;
    expect(retried).toBeDefined();
    expect(loser.body.response_type).toBe('ephemeral');
    expect(shown(loser)).toContain('already retried');
    expect(shown(retried)).toContain(`again on ${b}`);
    const retryId = jobButton(retried, 'cancel');
    expect(retryId).toMatch(/^j_/);
    expect(retryId).not.toBe(jobId);
    const retryEnd = await endOf(retryId!);
    expect(retryEnd!.form.text).toContain(`Job ${retryId} finished: 1 done, 0 failed of 1`);
    expect(retryEnd!.form.blocks).not.toContain('job_retry');
    expect(agora().rooms.has(b!)).toBe(false);

    const again = await h.press(`job_retry:${jobId}`, jobId!, ADMIN);
    expect(again.body.response_type).toBe('ephemeral');
    expect(shown(again)).toContain(`already retried as ${retryId}`);
  });

  it('a delete in its grace period offers Undo: cancels the job and unmutes the room', async () => {
    const [room] = makeRooms('grace', 1);
    const prompt = await h.ask(`delete agora ${room} grace=1h`, ADMIN);
    const started = await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
    const jobId = jobButton(started, 'undo');
    expect(jobId).toMatch(/^j_/);
    expect(jobButton(started, 'cancel')).toBeUndefined();
    expect(agora().rooms.get(room!)?.mute).toBe(true);

    const refused = await h.press(`job_undo:${jobId}`, jobId!, VIEWER);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(shown(refused)).toContain('Not allowed');
    expect(agora().rooms.get(room!)?.mute).toBe(true);

    const undone = await h.press(`job_undo:${jobId}`, jobId!, ADMIN2);
    expect(undone.body.replace_original).toBe(true);
    expect(shown(undone)).toContain(`job ${jobId} cancelled and ${room} unmuted`);
    expect(agora().rooms.get(room!)?.mute).toBe(false);
    expect(agora().rooms.has(room!)).toBe(true);
    expect((await h.runtime.store.jobs.get(jobId!))?.state).toBe('cancelled');
    const audit = await h.runtime.store.audit.query({ limit: 5 });
    expect(audit.some((e) => e.outcome === 'cancelled' && e.actor === 'slack:U0ADMIN2')).toBe(true);

    const late = await h.press(`job_undo:${jobId}`, jobId!, ADMIN);
    expect(late.body.response_type).toBe('ephemeral');
    expect(shown(late)).toContain('already ended (cancelled)');
  });

  it("a scheduled job's Cancel stops it before it runs; a forged id is refused", async () => {
    const [room] = makeRooms('later', 1);
    const prompt = await h.ask(`delete agora ${room} in=1h`, ADMIN);
    const started = await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
    const jobId = jobButton(started, 'cancel');
    const cancelled = await h.press(`job_cancel:${jobId}`, jobId!, ADMIN);
    expect(shown(cancelled)).toContain(`job ${jobId} will not run`);
    expect((await h.runtime.store.jobs.get(jobId!))?.state).toBe('cancelled');

    const forged = await h.press('job_cancel:../../x', '../../x', ADMIN);
    expect(forged.body.response_type).toBe('ephemeral');
    expect(shown(forged)).toContain('does not name a job');
  });
});
