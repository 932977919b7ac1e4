/**
 * Slack App Home end to end (real Bolt, signed events and clicks, the fake
 * Slack's views.publish): an approver sees what waits for them with working
 * buttons, a viewer sees none, and a decision taken in Home deletes once,
 * rewrites the channel prompt and rebuilds the Home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedView } from '../../fakes/slack/index.js';
import { ACCESS, ADMIN, ADMIN2, CHANNEL, pendingIdOf, SlackHarness, shown, VIEWER } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] };

const buttonsFor = (view: PublishedView, pendingId: string) =>
  (view.view.blocks as Block[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.value === pendingId)
    .map((e) => e.action_id);
const json = (view: PublishedView) => JSON.stringify(view.view);
const destroys = () =>
  h.runtime.emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/chatroom/destroy.json')).length;

describe('App Home', () => {
  it('shows an approver the waiting confirmation with the channel prompt’s buttons, times and mentions', async () => {
    const prompt = await h.ask('delete rong support-1', ADMIN);
    const id = pendingIdOf(prompt);
    const home = await h.openHome(ADMIN2);
    expect(home.view.type).toBe('home');
    expect(home.view.blocks.length).toBeLessThanOrEqual(100);
    expect(buttonsFor(home, id)).toEqual(['room_confirm', 'room_cancel']);
    const text = json(home);
    expect(text).toContain('Delete room support-1 on rong');
    expect(text).toContain('Requested by <@U0ADMIN> in <#C0OPS>');
    expect(text).toMatch(/expires <!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\dT[\d:]+Z>/);
    // Accounts and what each supports; the jobs section is there even when empty.
    expect(text).toMatch(/\*rong\* \(RongCloud\): [a-z, ]*delete/);
    expect(text).toContain('No running or scheduled jobs.');
    // Block ids are unique within the view, as Slack requires.
    const ids = (home.view.blocks as Block[]).map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    // The requester, an admin here, may approve or cancel their own.
    expect(buttonsFor(await h.openHome(ADMIN), id)).toEqual(['room_confirm', 'room_cancel']);
  });

  it('shows a viewer no confirmation and no button', async () => {
    await h.ask('delete rong lobby', ADMIN);
    const home = await h.openHome(VIEWER);
    const actions = (home.view.blocks as Block[]).filter((b) => b.type === 'actions');
    expect(actions).toEqual([]);
    expect(json(home)).toContain('Nothing is waiting for your decision.');
  });

  it('lists the user’s own last audit entries with local times', async () => {
    await h.ask('list rong', ADMIN2);
    const home = await h.openHome(ADMIN2);
    expect(json(home)).toMatch(/<!date\^\d+\^[^|]+\|[^>]+> · list on rong · ok/);
  });

  it('a decision taken in Home deletes once, rewrites the channel prompt and rebuilds the Home', async () => {
    const prompt = await h.ask('delete rong launch-42', ADMIN);
    const id = pendingIdOf(prompt);
    const before = destroys();
    const home = await h.clickHome('room_confirm', id, ADMIN2);
    expect(destroys() - before).toBe(1);
    expect(h.runtime.emulators.rongcloud.rooms.has('launch-42')).toBe(false);
    // The prompt in the channel, through its own response_url, now shows the decision without buttons.
    const [, rewritten] = await h.fake.waitForPosts(2, prompt.sent.responseUrl);
    expect(rewritten!.status).toBe(200);
    expect(rewritten!.body.replace_original).toBe(true);
    expect(shown(rewritten!)).not.toContain('room_confirm');
    expect(shown(rewritten!)).toContain('*Approved by*\\n<@U0ADMIN2> at <!date^');
    // The Home says what happened and no longer offers the decided one.
    expect(json(home)).toContain('Deleted 1 room on rong');
    expect(buttonsFor(home, id)).toEqual([]);
    expect((await h.runtime.store.pending.get(id))!.state).toBe('done');
    // A second click from Home is told it was decided and changes nothing.
    const again = await h.clickHome('room_confirm', id, ADMIN);
    expect(json(again)).toContain('Already approved');
    expect(destroys() - before).toBe(1);
    expect(h.fake.postsTo(prompt.sent.responseUrl)).toHaveLength(2);
  });

  it('rewrites the prompt with chat.update when its response_url is refused and its channel and ts are known', async () => {
    const prompt = await h.ask('delete rong lobby', ADMIN);
    const id = pendingIdOf(prompt);
    await expect.poll(async () => (await h.runtime.store.pending.get(id))?.prompt).toBeTruthy();
    // A response_url Slack no longer takes (past 30 minutes or five uses) and the prompt's place.
    await h.runtime.engine.attachPrompt(id, {
      platform: 'slack',
      responseUrl: `${h.fake.url}/gone/${id}`,
      channel: 'C0OPS',
      ts: '1700000000.000100',
    });
    await h.clickHome('room_cancel', id, ADMIN);
    const update = h.fake.calls.find((c) => c.method === 'chat.update' && c.form.ts === '1700000000.000100');
    expect(update).toBeDefined();
    expect(update!.form.channel).toBe('C0OPS');
    expect(update!.form.blocks).toContain('Cancelled by');
    expect(update!.form.blocks).not.toContain('room_confirm');
  });

  it('a forged click by a viewer in Home is refused and leaves the prompt alone', async () => {
    const prompt = await h.ask('kick rong lobby dave', ADMIN);
    const id = pendingIdOf(prompt);
    const logBefore = h.runtime.emulators.rongcloud.server.log.length;
    const home = await h.clickHome('room_confirm', id, VIEWER);
    expect(json(home)).toContain('Not allowed');
    expect(h.runtime.emulators.rongcloud.server.log.length).toBe(logBefore);
    expect(h.fake.postsTo(prompt.sent.responseUrl)).toHaveLength(1);
    expect((await h.runtime.store.pending.get(id))!.state).toBe('pending');
  });

  it('cancel from Home by the requester rewrites the prompt as cancelled', async () => {
    const prompt = await h.ask('delete rong lobby', ADMIN);
    const id = pendingIdOf(prompt);
    const before = destroys();
    await h.clickHome('room_cancel', id, ADMIN);
    const [, rewritten] = await h.fake.waitForPosts(2, prompt.sent.responseUrl);
    expect(shown(rewritten!)).toContain('*Cancelled by*\\n<@U0ADMIN>');
    expect(destroys()).toBe(before);
  });
});

describe('App Home under stricter access', () => {
  let strict: SlackHarness;
  beforeAll(async () => {
    strict = await SlackHarness.start({
      access: {
        ...ACCESS,
        channels: [`slack:${CHANNEL}`],
        accounts: { rong: { twoPersonRule: true } },
      },
    });
  });
  afterAll(async () => strict?.close());

  it('the requester under a two-person rule sees only Cancel; a second admin may approve, from Home outside the allowed channel', async () => {
    const prompt = await strict.ask('delete rong support-1', ADMIN);
    const id = pendingIdOf(prompt);
    expect(buttonsFor(await strict.openHome(ADMIN), id)).toEqual(['room_cancel']);
    // Home has no channel; the decision is judged where the prompt lives (an allowed channel).
    const refused = await strict.clickHome('room_confirm', id, ADMIN);
    expect(json(refused)).toContain('Not allowed');
    expect((await strict.runtime.store.pending.get(id))!.state).toBe('pending');
    const approved = await strict.clickHome('room_confirm', id, ADMIN2);
    expect(json(approved)).toContain('Deleted 1 room on rong');
    expect(strict.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(false);
    await strict.fake.waitForPosts(2, prompt.sent.responseUrl);
  });
});
