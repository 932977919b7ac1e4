/**
 * Page state lives in the store: the Next button of a long list works on a
 * second runtime sharing the database (another replica), and only for the
 * person who asked for the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fakes/slack/index.js';
import { ADMIN, ADMIN2, APP_TOKEN, BOT_TOKEN, SlackHarness, shown, USERGROUPS } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-slack-pages-'));
let fake: FakeSlack;
let first: SlackHarness;
let second: SlackHarness;

beforeAll(async () => {
  fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
  await fake.start();
  const storeUrl = `sqlite://${join(dir, 'roomops.db')}`;
  first = await SlackHarness.start({ fake, storeUrl });
  second = await SlackHarness.start({ fake, storeUrl });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function nextValue(post: { body: Record<string, unknown> }): string {
  const next = (post.body.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'room_page_next');
  if (!next?.value) throw new Error(`no Next button in ${shown(post)}`);
  return next.value;
}

describe('Slack pages in the store', () => {
  it('a list asked on one runtime flips to page 2 on another; someone else may not flip it', async () => {
    for (let i = 0; i < 25; i++) await first.ask('info rong lobby', ADMIN);
    const list = await first.ask('audit limit=100', ADMIN);
    expect(shown(list)).toContain('Page 1 of');
    const value = nextValue(list);

    const flipped = await second.press('room_page_next', value, ADMIN, { ephemeral: true });
    expect(flipped.body.replace_original).toBe(true);
    expect(shown(flipped)).toContain('Page 2 of');
    expect(shown(flipped)).toContain('room_page_prev');

    const stranger = await second.press('room_page_next', value, ADMIN2, { ephemeral: true });
    expect(stranger.body.response_type).toBe('ephemeral');
    expect(stranger.body.replace_original).toBe(false);
    expect(shown(stranger)).toContain('Only the person who ran this command');
    expect(shown(stranger)).not.toContain('Page 2 of');
  });

  it('a made-up or malformed page key is told to run the command again, with no page shown', async () => {
    for (const value of ['AAAAAAAAAAAAAAAA:1', '../../etc:1', 'x'.repeat(5000), ':', 'AAAAAAAAAAAAAAAA:-1']) {
      const gone = await second.press('room_page_next', value, ADMIN, { ephemeral: true });
      expect(gone.body.replace_original).toBe(false);
      expect(shown(gone)).toContain('Run the command again');
    }
  });
});
