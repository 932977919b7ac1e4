/**
 * Confirmation buttons end to end: the prompt, approval (once, even with two
 * simultaneous clicks), refusal, user-group authorization through the fake
 * `usergroups.list`, cancel, expiry and late clicks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, GROUPIE, OPERATOR, pendingIdOf, SlackHarness, shown, VIEWER } from './harness.js';

let h: SlackHarness;
let offsetMs = 0;
beforeAll(async () => {
  h = await SlackHarness.start({ now: () => new Date(Date.now() + offsetMs), expiryIntervalMs: 200 });
});
afterAll(async () => h?.close());

const destroys = () =>
  h.runtime.emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/chatroom/destroy.json')).length;

describe('confirmation prompt', () => {
  it('is posted in the channel with what will happen, and the vendor is not called yet', async () => {
    const before = destroys();
    const prompt = await h.ask('delete rong support-1', ADMIN);
    expect(prompt.body.response_type).toBe('in_channel');
    expect(shown(prompt)).toContain('support-1');
    expect(destroys()).toBe(before);
    expect(h.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(true);
  });

  it('two simultaneous approve clicks delete once: one replaces the prompt, the other is told who decided', async () => {
    const prompt = await h.ask('delete rong launch-42', ADMIN);
    const id = pendingIdOf(prompt);
    const before = destroys();
    const [a, b] = await Promise.all([
      h.press('room_confirm', id, ADMIN),
      h.press('room_confirm', id, ADMIN2),
    ]);
    expect(destroys() - before).toBe(1);
    expect(h.runtime.emulators.rongcloud.rooms.has('launch-42')).toBe(false);
    const winner = a.body.replace_original === true ? a : b;
    const loser = winner === a ? b : a;
    expect(winner.body.replace_original).toBe(true);
    expect(shown(winner)).not.toContain('room_confirm');
    expect(shown(winner)).toMatch(/\*Approved by\*\\n<@U0ADMIN2?> at <!date\^\d+\^/);
    expect(loser.body.response_type).toBe('ephemeral');
    expect(loser.body.replace_original).toBe(false);
    expect(shown(loser)).toContain('Already approved');
  });

  it('an unauthorized click is refused privately and changes nothing; an allowed one then works', async () => {
    const prompt = await h.ask('kick rong lobby dave', ADMIN);
    const id = pendingIdOf(prompt);
    const logBefore = h.runtime.emulators.rongcloud.server.log.length;
    for (const user of [VIEWER, OPERATOR]) {
      const refusal = await h.press('room_confirm', id, user);
      expect(refusal.body.response_type).toBe('ephemeral');
      expect(refusal.body.replace_original).toBe(false);
      expect(shown(refusal)).toContain('Not allowed');
    }
    expect(h.runtime.emulators.rongcloud.server.log.length).toBe(logBefore);
    const approved = await h.press('room_confirm', id, ADMIN2);
    expect(approved.body.replace_original).toBe(true);
    expect(shown(approved)).toContain('dave');
  });

  it('a member of an admin user group (usergroups.list) may approve', async () => {
    const prompt = await h.ask('mute rong lobby on', ADMIN);
    const approved = await h.press('room_confirm', pendingIdOf(prompt), GROUPIE);
    expect(approved.body.replace_original).toBe(true);
    expect(shown(approved)).toContain('*Approved by*\\n<@U0GROUP> at <!date^');
    const call = h.fake.calls.find((c) => c.method === 'usergroups.list');
    expect(call?.form.include_users).toBe('true');
  });

  it('the requester may cancel: the prompt is replaced, the vendor is not called', async () => {
    const prompt = await h.ask('delete rong lobby', ADMIN);
    const before = destroys();
    const cancelled = await h.press('room_cancel', pendingIdOf(prompt), ADMIN);
    expect(cancelled.body.replace_original).toBe(true);
    expect(shown(cancelled)).toContain('*Cancelled by*\\n<@U0ADMIN> at <!date^');
    expect(shown(cancelled)).not.toContain('room_confirm');
    expect(destroys()).toBe(before);
    const late = await h.press('room_confirm', pendingIdOf(prompt), ADMIN2);
    expect(late.body.response_type).toBe('ephemeral');
    expect(shown(late)).toContain('Already cancelled');
    expect(destroys()).toBe(before);
  });

  it('an unknown pending id is answered privately', async () => {
    const post = await h.press('room_confirm', 'no-such-pending-action', ADMIN);
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('no longer exists');
  });

  it('expiry replaces the prompt with an "expired" notice, and a late click is told so', async () => {
    const sent = await h.command('delete rong lobby', ADMIN);
    const [prompt] = await h.fake.waitForPosts(1, sent.responseUrl);
    const id = pendingIdOf(prompt!);
    offsetMs = 6 * 60_000;
    try {
      const posts = await h.fake.waitForPosts(2, sent.responseUrl, 5000);
      const expired = posts[1]!;
      expect(expired.status).toBe(200);
      expect(expired.body.replace_original).toBe(true);
      expect(shown(expired)).toContain('Expired');
      expect(shown(expired)).not.toContain('room_confirm');
      const late = await h.press('room_confirm', id, ADMIN);
      expect(late.body.response_type).toBe('ephemeral');
      expect(shown(late)).toContain('Expired');
      expect(h.runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
    } finally {
      offsetMs = 0;
    }
  });
});

describe('every answer Slack accepted', () => {
  it('no response_url post was refused by the fake', () => {
    expect(h.fake.posts.filter((p) => p.status !== 200).map((p) => p.problems)).toEqual([]);
  });
});

describe('a click that finds the prompt past its time before the expiry sweep', () => {
  it('replaces the prompt with the expired notice and runs nothing', async () => {
    let shift = 0;
    // The sweep effectively never runs: the click is what discovers the expiry.
    const g = await SlackHarness.start({
      now: () => new Date(Date.now() + shift),
      expiryIntervalMs: 3_600_000,
    });
    try {
      const prompt = await g.ask('delete rong lobby', ADMIN);
      shift = 6 * 60_000;
      const late = await g.press('room_confirm', pendingIdOf(prompt), ADMIN);
      expect(late.body.replace_original).toBe(true);
      expect(shown(late)).toContain('Expired');
      expect(shown(late)).not.toContain('room_confirm');
      expect(g.runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
      const entries = await g.runtime.store.audit.query({ action: 'delete' });
      expect(entries.map((e) => e.outcome)).toContain('expired');
    } finally {
      await g.close();
    }
  });
});
