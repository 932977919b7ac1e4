/**
 * What Discord users see, through the real discord.js client and the fake
 * Discord: times as `<t:…:f>` with a live `<t:…:R>` countdown to a prompt's
 * expiry, people as `<@id>` mentions that ping nobody (no allowed mentions),
 * audit entries as fields (a code block would show `<t:…>` raw), the tone
 * once in the title and the same order of information as on Slack.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, embedsOf, expectNoMentionsAnywhere, isEdit, type Rig, startRig } from './harness.js';

type Json = Record<string, unknown>;
type Embed = { title: string; description?: string; fields?: { name: string; value: string }[] };

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterEach(() => expectNoMentionsAnywhere(rig.fake));
afterAll(async () => rig?.close());

async function answer(command: string, options: Record<string, string>): Promise<Embed> {
  const sent = rig.slash(ADMIN, command, options);
  const calls = await rig.until(sent, (cs) => cs.some(isEdit));
  return embedsOf(calls.find(isEdit)!.body as Json)[0] as unknown as Embed;
}

describe('Discord presentation', () => {
  it('a prompt shows the requester as a mention and a live countdown to its expiry', async () => {
    const embed = await answer('delete', { account: 'rong', room: 'support-1' });
    expect(embed.title).toMatch(/^⏳ /);
    expect(embed.description).toContain('**Requested by:** <@400000000000000001>');
    const expires = /\*\*Expires:\*\* <t:(\d+):f> \(<t:(\d+):R>\)/.exec(embed.description ?? '');
    expect(expires).not.toBeNull();
    expect(expires![1]).toBe(expires![2]);
    const at = Number(expires![1]) * 1000;
    expect(at).toBeGreaterThan(Date.now());
    expect(at).toBeLessThan(Date.now() + 6 * 60_000);
    // Same order as Slack and the shell: what will happen, then the facts.
    const d = embed.description!;
    expect(d.indexOf('Delete room support-1')).toBeLessThan(d.indexOf('**Requested by:**'));
  });

  it('audit entries are fields with local times and mentions, not a code block', async () => {
    await answer('list', { account: 'ifly' });
    const embed = await answer('audit', { fields: 'limit=5' });
    expect(embed.description ?? '').not.toContain('```');
    expect(embed.fields!.length).toBeGreaterThan(0);
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    for (const f of embed.fields!) {
      expect(f.value).toMatch(/\*\*Time:\*\* <t:\d+:f>/);
      expect(f.value).toContain('**Who:** <@400000000000000001>');
      expect(f.name).not.toMatch(/<t:|<@/);
    }
  });

  it('a read has no tone marker; its room list stays a monospace table', async () => {
    const embed = await answer('list', { account: 'rong' });
    expect(embed.title).not.toMatch(/^[⏳✅❌⚠]/u);
    expect(embed.description).toContain('```');
  });
});
