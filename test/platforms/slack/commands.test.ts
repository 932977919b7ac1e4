/**
 * `/room` end to end: signed slash commands into the real Bolt app (HTTP
 * mode) over loopback, the real engine over the sandbox emulators, answers
 * read back from the fake Slack's response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, OPERATOR, SlackHarness, shown, VIEWER } from './harness.js';

let h: SlackHarness;
/** The generated id of a seeded Agora room. */
const agoraRoom = (name: string) =>
  [...h.runtime.emulators.agora.rooms.values()].find((r) => r.name === name)!.id;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

describe('help', () => {
  it('answers /room with no text, /room help and /room help delete privately, with per-vendor examples', async () => {
    const empty = await h.ask('');
    const help = await h.ask('help');
    const one = await h.ask('help delete');
    for (const post of [empty, help, one]) {
      expect(post.status).toBe(200);
      expect(post.body.response_type).toBe('ephemeral');
    }
    expect(shown(help)).toContain('kick &lt;account&gt; &lt;room&gt; &lt;user&gt;');
    expect(shown(empty)).toContain('history &lt;account&gt;');
    expect(shown(one)).toContain('delete rong lobby-42');
    expect(shown(one)).toContain('delete watch quiz-night');
  });
});

describe('every action family', () => {
  it('reads are private: list, info, members, history, accounts', async () => {
    const list = await h.ask('list ifly');
    expect(list.body.response_type).toBe('ephemeral');
    // Room 1 and 3: another test renames room 2, and tests may run in any order.
    expect(shown(list)).toContain('Lobby');
    expect(shown(list)).toContain('Launch party');
    const info = await h.ask('info rong lobby');
    expect(info.body.response_type).toBe('ephemeral');
    expect(shown(info)).toContain('lobby');
    const members = await h.ask('members rong lobby');
    expect(members.body.response_type).toBe('ephemeral');
    expect(shown(members)).toContain('carol');
    const history = await h.ask('history ifly 1');
    expect(history.body.response_type).toBe('ephemeral');
    // The lobby's three seeded messages (long texts are cut in the table), and no other room's.
    expect(shown(history)).toContain('3 messages');
    for (const text of ['Welcome to the lobby!', 'Will the recording be', 'Yes, the recording goes'])
      expect(shown(history)).toContain(text);
    expect(shown(history)).not.toContain('Support desk is open');
    const accounts = await h.ask('accounts');
    expect(accounts.body.response_type).toBe('ephemeral');
    for (const name of ['ifly', 'rong', 'watch', 'agora']) expect(shown(accounts)).toContain(name);
  });

  it('mutations by an operator are shown in the channel: create, update, status, voice, mute off, keepalive on, announce, members add', async () => {
    const cases: [string, string][] = [
      ['create watch fan-zone name="Fan zone" about="Before the match"', 'fan-zone'],
      ['update ifly 2 room_name="Help desk"', 'Help desk'],
      ['status watch match-day LIVE', 'match-day'],
      ['voice watch match-day on', 'match-day'],
      ['mute rong support-1 off', 'support-1'],
      ['keepalive rong launch-42 on', 'launch-42'],
      ['announce watch match-day "Kick-off in 5 minutes"', 'match-day'],
      [`members agora ${agoraRoom('Town hall')} add dave`, 'dave'],
      [`update agora ${agoraRoom('Support')} maxusers=800`, '800'],
    ];
    for (const [text, expected] of cases) {
      const post = await h.ask(text, OPERATOR);
      expect(post.status, text).toBe(200);
      expect(post.body.response_type, `${text}: ${shown(post)}`).toBe('in_channel');
      expect(shown(post), text).toContain(expected);
      expect(shown(post), text).not.toContain('failed');
    }
  });

  it('destructive forms (delete, kick, status ENDED, mute on, members remove, keepalive off) become an in-channel prompt with buttons', async () => {
    for (const text of [
      'delete rong launch-42',
      'kick rong lobby dave',
      'status watch quiz-night ENDED',
      'mute rong lobby on',
      `members agora ${agoraRoom('Town hall')} remove bob`,
      'keepalive rong lobby off',
    ]) {
      const post = await h.ask(text, ADMIN);
      expect(post.body.response_type, text).toBe('in_channel');
      expect(shown(post), text).toContain('"action_id":"room_confirm"');
      expect(shown(post), text).toContain('"action_id":"room_cancel"');
    }
  });

  it('audit shows who did what', async () => {
    const done = await h.ask('create watch audit-probe name="Audit probe" about="x"', OPERATOR);
    expect(done.body.response_type).toBe('in_channel');
    const audit = await h.ask('audit account=watch action=create limit=100', ADMIN);
    expect(audit.body.response_type).toBe('ephemeral');
    // People are mentions, so Slack shows their current name.
    expect(shown(audit)).toContain('{"type":"user","user_id":"U0OPER"}');
    expect(shown(audit)).toContain('audit-probe');
  });

  it('denies a write to a read-only user, privately, and changes nothing', async () => {
    const before = h.runtime.emulators.watchers.server.log.length;
    const post = await h.ask('create watch sneaky name="Sneaky" about="x"', VIEWER);
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('denied');
    expect(h.runtime.emulators.watchers.server.log.length).toBe(before);
  });

  it('bad input gets a private error naming the problem', async () => {
    const post = await h.ask('status watch match-day SOMETIMES', OPERATOR);
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('invalid_input');
  });
});

describe('untrusted text', () => {
  it('a room named <!channel> pings nobody', async () => {
    const post = await h.ask('create ifly "<!channel> party <@U0ADMIN>"', OPERATOR);
    expect(post.body.response_type).toBe('in_channel');
    expect(shown(post)).not.toContain('<!channel>');
    expect(shown(post)).not.toContain('<@U0ADMIN>');
    expect(shown(post)).toContain('&lt;!channel&gt; party');
    const list = await h.ask('list ifly');
    // In the table the name is a raw_text cell, which Slack never reads as markup; everywhere else it is escaped.
    const blocks = list.body.blocks as { type: string; rows?: { type: string; text?: string }[][] }[];
    const cells = blocks.find((b) => b.type === 'table')!.rows!.flat();
    expect(cells).toContainEqual({ type: 'raw_text', text: '<!channel> party <@U0ADMIN>' });
    expect(JSON.stringify(blocks.filter((b) => b.type !== 'table'))).not.toContain('<!channel>');
    expect(JSON.stringify(list.body.fallbackBlocks ?? [])).not.toContain('<!channel>');
  });
});

describe('vendor trouble', () => {
  it('a vendor 5xx is shown with the vendor error, privately', async () => {
    h.runtime.emulators.iflychat.server.injectFault({
      kind: 'status',
      status: 503,
      path: '/rooms/list',
      count: 5,
    });
    const post = await h.ask('list ifly');
    h.runtime.emulators.iflychat.server.clearFaults();
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('vendor_unavailable');
    expect(shown(post)).toMatch(/503/);
  });

  it('a vendor that hangs past 3 seconds: the ack still comes at once and the answer follows through respond', async () => {
    h.runtime.emulators.watchers.server.injectFault({ kind: 'delay', delayMs: 3500, path: '/', count: 1 });
    const started = Date.now();
    const sent = await h.command('info watch concert-live');
    expect(sent.status).toBe(200);
    expect(sent.ackMs).toBeLessThan(1000);
    const [post] = await h.fake.waitForPosts(1, sent.responseUrl, 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3400);
    expect(post!.status).toBe(200);
    expect(shown(post!)).toContain('concert-live');
  });
});

describe('requests Slack did not sign', () => {
  it('a forged signature gets 401 and has no effect', async () => {
    const before = h.runtime.emulators.watchers.server.log.length;
    const sent = await h.command('create watch forged name="Forged" about="x"', OPERATOR, {
      secret: 'not-the-secret',
    });
    expect(sent.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.postsTo(sent.responseUrl)).toHaveLength(0);
    expect(h.runtime.emulators.watchers.server.log.length).toBe(before);
  });

  it('a stale timestamp (over 5 minutes old) gets 401 and has no effect', async () => {
    const before = h.runtime.emulators.watchers.server.log.length;
    const sent = await h.command('create watch stale name="Stale" about="x"', OPERATOR, {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(sent.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.postsTo(sent.responseUrl)).toHaveLength(0);
    expect(h.runtime.emulators.watchers.server.log.length).toBe(before);
  });
});

describe('long lists', () => {
  it('are paged with Previous/Next buttons; an old page key says to run the command again', async () => {
    for (let i = 0; i < 25; i++) await h.ask(`info rong lobby`, VIEWER);
    const first = await h.ask('audit limit=100', ADMIN);
    expect(shown(first)).toContain('Page 1 of');
    const next = (first.body.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'room_page_next');
    expect(next?.value).toBeTruthy();
    const second = await h.press('room_page_next', next!.value!, ADMIN, { ephemeral: true });
    expect(second.body.replace_original).toBe(true);
    expect(shown(second)).toContain('Page 2 of');
    expect(shown(second)).toContain('room_page_prev');
    expect(shown(second)).not.toEqual(shown(first));
    const gone = await h.press('room_page_next', 'expired-key:1', ADMIN, { ephemeral: true });
    expect(gone.body.response_type).toBe('ephemeral');
    expect(gone.body.replace_original).toBe(false);
    expect(shown(gone)).toContain('Run the command again');
  });
});

describe('healthz', () => {
  it('is 200 with the store open and Slack connected', async () => {
    const reply = await fetch(`${h.server.url}/healthz`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ ok: true, platforms: { slack: { connected: true } } });
  });
});

describe('every answer Slack accepted', () => {
  it('no response_url post was refused by the fake (limits, dialog fields, 5 uses)', () => {
    expect(h.fake.posts.filter((p) => p.status !== 200).map((p) => p.problems)).toEqual([]);
  });
});
