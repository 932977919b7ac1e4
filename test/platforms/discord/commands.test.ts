/**
 * `/room` slash commands end to end: real discord.js client ↔ fake Discord,
 * real engine ↔ vendor emulators. Reads and help are ephemeral, mutations
 * public, bad input answered at once, DMs refused, long lists paginated.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, chatInput } from '../../fakes/discord/index.js';
import {
  ACCESS,
  ADMIN,
  callbackData,
  embedText,
  expectNoMentionsAnywhere,
  isCallback,
  isEdit,
  OPERATOR,
  type Rig,
  startRig,
  VIEWER,
} from './harness.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterEach(() => expectNoMentionsAnywhere(rig.fake));
afterAll(async () => rig?.close());

const SHELL = {
  principal: { platform: 'shell' as const, id: 'shell:test', groups: [] },
  place: { platform: 'shell' as const },
};

describe('reads and help', () => {
  it('lists rooms privately: ephemeral defer, then the table as an embed', async () => {
    const sent = rig.slash(VIEWER, 'list', { account: 'agora' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    const callback = calls.find(isCallback)!;
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = calls.find(isEdit)!;
    const text = embedText(edit.body as Record<string, unknown>);
    expect(text).toContain('Town hall');
    expect(text).toContain('```');
    expect(rig.fake.messages.byId.get(rig.fake.messages.original.get(sent.token)!)!.flags & 64).toBe(64);
  });

  it('shows help for one action ephemerally', async () => {
    const sent = rig.slash(VIEWER, 'help', { topic: 'delete' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toContain('delete');
  });

  it('shows a room in detail (info) as fields', async () => {
    const sent = rig.slash(VIEWER, 'info', { account: 'rong', room: 'lobby' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toContain('lobby');
  });

  it('shows a dry run as a code block and sends nothing to the vendor', async () => {
    const before = rig.runtime.emulators.agora.server.log.length;
    const sent = rig.slash(OPERATOR, 'create', {
      account: 'agora',
      name: 'Dry room',
      fields: 'owner=alice --dry-run',
    });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    const text = embedText(calls.find(isEdit)!.body as Record<string, unknown>);
    expect(text).toContain('POST');
    expect(text).toContain('```');
    expect(rig.runtime.emulators.agora.server.log.length).toBe(before);
  });
});

describe('mutations', () => {
  it('creates a room publicly (role-based operator) and the vendor receives it', async () => {
    const sent = rig.slash(OPERATOR, 'create', { account: 'rong', room: 'disc-created-1' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toContain('disc-created-1');
    expect(rig.runtime.emulators.rongcloud.rooms.has('disc-created-1')).toBe(true);
  });

  it('turns a boolean option into on/off (keepalive enabled:true)', async () => {
    const sent = rig.slash(OPERATOR, 'keepalive', { account: 'rong', room: 'support-1', enabled: true });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toMatch(/keep/i);
  });
});

describe('answered at once, privately', () => {
  it('answers an unknown account immediately with an ephemeral error, no defer', async () => {
    const sent = rig.slash(VIEWER, 'list', { account: 'nope' });
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    const callback = calls.find(isCallback)!;
    expect((callback.body as { type: number }).type).toBe(4);
    expect(callbackData(callback).flags).toBe(64);
    expect(embedText(callbackData(callback))).toContain('unknown_account');
    expect(sent.callbackAfterMs).toBeLessThan(1000);
  });

  it('answers invalid input naming the field', async () => {
    const sent = rig.slash(OPERATOR, 'create', {
      account: 'agora',
      name: 'x',
      fields: 'maxusers=lots owner=alice',
    });
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    const data = callbackData(calls.find(isCallback)!);
    expect((calls.find(isCallback)!.body as { type: number }).type).toBe(4);
    expect(data.flags).toBe(64);
    expect(embedText(data)).toContain('maxusers');
  });

  it('refuses a write to a viewer at once, privately, and the vendor sees nothing', async () => {
    const before = rig.runtime.emulators.rongcloud.server.log.length;
    const sent = rig.slash(VIEWER, 'create', { account: 'rong', room: 'viewer-room' });
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    const data = callbackData(calls.find(isCallback)!);
    expect(data.flags).toBe(64);
    expect(embedText(data)).toContain('denied');
    expect(rig.runtime.emulators.rongcloud.server.log.length).toBe(before);
  });

  it('refuses /room in a DM: ephemeral "servers only"', async () => {
    const sent = rig.fake.sendInteraction(chatInput(ADMIN, 'list', { account: 'agora' }, { dm: true }));
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    const callback = calls.find(isCallback)!;
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(String(callbackData(callback).content)).toMatch(/servers only/);
  });
});

describe('pagination', () => {
  it('splits a long list into pages and flips them with buttons', async () => {
    for (let i = 0; i < 45; i++) {
      const outcome = await rig.runtime.engine.handle({
        ...SHELL,
        text: `create rong page-room-${String(i).padStart(2, '0')}`,
      });
      expect(outcome.type).toBe('result');
    }
    const sent = rig.slash(VIEWER, 'list', { account: 'rong', fields: 'limit=100' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    const edit = calls.find(isEdit)!.body as {
      embeds: { footer?: { text: string } }[];
      components: { components: { custom_id: string; disabled?: boolean }[] }[];
    };
    expect(edit.embeds[0]!.footer!.text).toMatch(/Page 1\/3/);
    const [prev, next] = edit.components[0]!.components;
    expect(prev!.disabled).toBe(true);
    expect(next!.custom_id).toMatch(/^room_page:/);
    expect(next!.custom_id.length).toBeLessThanOrEqual(100);

    const messageId = rig.fake.messages.original.get(sent.token)!;
    const click = rig.fake.sendInteraction(buttonClick(VIEWER, next!.custom_id, messageId));
    const clickCalls = await rig.until(click, (cs) => cs.some(isCallback));
    const update = clickCalls.find(isCallback)!.body as {
      type: number;
      data: { embeds: { footer: { text: string }; description: string }[] };
    };
    expect(update.type).toBe(7);
    expect(update.data.embeds[0]!.footer.text).toMatch(/Page 2\/3/);
    expect(update.data.embeds[0]!.description).toContain('page-room-');
    expect(rig.fake.messages.byId.get(messageId)!.embeds[0]).toMatchObject({
      footer: { text: expect.stringMatching(/Page 2\/3/) },
    });
  });

  it('answers a click on a forgotten page privately', async () => {
    const click = rig.fake.sendInteraction(buttonClick(VIEWER, 'room_page:gone:1', '1100000000000000500'));
    const calls = await rig.until(click, (cs) => cs.some(isCallback));
    expect(calls.find(isCallback)!.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});

describe('gateway', () => {
  it('identifies with the Guilds intent only and reports the connection', async () => {
    expect(rig.fake.identifies[0]).toMatchObject({ intents: 1 });
    expect(rig.adapter.status().connected).toBe(true);
  });

  it('resumes after the connection drops and answers what arrived meanwhile', async () => {
    rig.fake.dropConnections();
    // Sent while the bot is disconnected: Discord replays it on RESUME.
    const sent = rig.slash(VIEWER, 'accounts');
    await expect.poll(() => rig.fake.connectedSockets, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rig.adapter.status().connected, { timeout: 15_000 }).toBe(true);
    const calls = await rig.until(sent, (cs) => cs.some(isEdit), 15_000);
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toContain('agora');
  }, 40_000);
});

describe('guild allow-list', () => {
  let listed: Rig;
  beforeAll(async () => {
    listed = await startRig({ access: { ...ACCESS, channels: ['discord:guild:600000000000000003'] } });
  });
  afterAll(async () => listed?.close());

  it('refuses /room in a guild that is not on the allow-list, privately', async () => {
    const sent = listed.slash(ADMIN, 'list', { account: 'agora' });
    const calls = await listed.until(sent, (cs) => cs.some(isCallback));
    const data = callbackData(calls.find(isCallback)!);
    expect(data.flags).toBe(64);
    expect(embedText(data)).toContain('denied');
  });

  it('answers in an allowed guild', async () => {
    const sent = listed.fake.sendInteraction(
      chatInput(ADMIN, 'list', { account: 'agora' }, { guildId: '600000000000000003' }),
    );
    const calls = await listed.until(sent, (cs) => cs.some(isEdit));
    expect(embedText(calls.find(isEdit)!.body as Record<string, unknown>)).toContain('Town hall');
  });
});
