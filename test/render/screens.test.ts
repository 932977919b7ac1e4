/**
 * Every kind of answer (list, info, prompt, decided prompt, error, partial
 * failure, job progress, App Home, the type-to-confirm modal) rendered for Slack and Discord and checked
 * against each platform's limits with the fakes' own validators, plus the
 * presentation rules: times and people as platform markup, no block without
 * information, the tone once.
 */
import { describe, expect, it } from 'vitest';
import type { HomeData } from '../../src/core/home.js';
import { renderPages as discord } from '../../src/render/discord/index.js';
import { HOME_MAX_BLOCKS, renderHome } from '../../src/render/slack/home.js';
import { renderPages as slack } from '../../src/render/slack/index.js';
import { toView } from '../../src/render/to-view.js';
import { jobs as jobsCommand } from '../../commands/jobs.js';
import { EXAMPLE_NOW, examples, homeExample } from '../../scripts/screens/examples.js';
import { messageProblems } from '../fakes/discord/limits.js';
import { validateMessage } from '../fakes/slack/index.js';

type Json = Record<string, unknown>;
const all = examples();
const chat = all.filter((e) => e.discord);

describe('each kind of answer within the platforms’ limits', () => {
  it('covers every kind', () => {
    expect(all.map((e) => e.kind)).toEqual([
      'list',
      'info',
      'prompt',
      'decided',
      'error',
      'partial',
      'job',
      'home',
      'modal',
    ]);
  });

  it.each(chat.map((e) => [e.kind, e] as const))(
    '%s: Slack blocks and their fallback are accepted',
    (_k, e) => {
      expect(validateMessage({ text: 'x', blocks: e.slack.blocks })).toEqual([]);
      if (e.slack.fallbackBlocks) {
        expect(validateMessage({ text: 'x', blocks: e.slack.fallbackBlocks })).toEqual([]);
        expect(e.slack.fallbackBlocks.some((b) => (b as Json).type === 'table')).toBe(false);
      }
    },
  );

  it.each(chat.map((e) => [e.kind, e] as const))(
    '%s: the Discord payload is accepted and pings nobody',
    (_k, e) => {
      expect(messageProblems(e.discord as unknown as Json)).toEqual([]);
      expect(e.discord!.allowed_mentions).toEqual({ parse: [] });
    },
  );

  it.each(chat.map((e) => [e.kind, e] as const))(
    '%s: no block carries only an emoji; the tone shows once',
    (_k, e) => {
      for (const b of e.slack.blocks as Json[]) {
        const texts = JSON.stringify(b).match(/"text":"([^"]*)"/g) ?? [];
        expect(texts.every((t) => /^"text":":[a-z_]+:"$/.test(t))).toBe(texts.length === 0);
      }
      const marks =
        JSON.stringify(e.slack.blocks).match(/:(white_check_mark|x|warning|hourglass_flowing_sand):/g) ?? [];
      expect(marks.length).toBeLessThanOrEqual(1);
      if (marks.length) expect(JSON.stringify((e.slack.blocks as Json[])[0])).toContain(marks[0]);
    },
  );

  it('shows times and people as platform markup where they appear', () => {
    const prompt = all.find((e) => e.kind === 'prompt')!;
    const unix = Math.floor(EXAMPLE_NOW.getTime() / 1000) + 300;
    expect(JSON.stringify(prompt.slack.blocks)).toContain(
      `<!date^${unix}^{date_short_pretty} {time}|2026-12-01T12:05:00Z>`,
    );
    expect(JSON.stringify(prompt.slack.blocks)).toContain('<@U0ADMIN001>');
    expect(prompt.discord!.embeds[0]!.description).toContain(`<t:${unix}:f> (<t:${unix}:R>)`);
    expect(prompt.discord!.embeds[0]!.description).toContain('<@400000000000000001>');
    expect(prompt.text).toContain('2026-12-01T12:05:00Z');
    expect(prompt.text).not.toMatch(/<t:|<!date/);
    const decided = all.find((e) => e.kind === 'decided')!;
    expect(JSON.stringify(decided.slack.blocks)).toMatch(/<@U0ADMIN002> at <!date\^\d+\^/);
    expect(decided.discord!.embeds[0]!.description).toMatch(/<@400000000000000002> at <t:\d+:f>/);
  });

  it('the same information order on Slack, Discord and the shell', () => {
    for (const e of chat) {
      const labels = (e.text ?? '')
        .split('\n')
        .flatMap((l) => /^ {2}(\S[^ ]*(?: \S+)*?) {2,}/.exec(l)?.[1] ?? []);
      const slack = JSON.stringify(e.slack.blocks);
      const discord = e.discord!.embeds[0]!.description ?? '';
      const order = (s: string, marker: (l: string) => string) => labels.map((l) => s.indexOf(marker(l)));
      const inSlack = order(slack, (l) => `*${l}*`);
      const inDiscord = order(discord, (l) => `**${l}:**`);
      expect(inSlack.every((n) => n >= 0)).toBe(true);
      expect(inDiscord.every((n) => n >= 0)).toBe(true);
      expect([...inSlack].sort((a, b) => a - b)).toEqual(inSlack);
      expect([...inDiscord].sort((a, b) => a - b)).toEqual(inDiscord);
    }
  });
});

describe('App Home', () => {
  it('the example Home is a valid home view', () => {
    const home = renderHome(homeExample());
    expect(home.type).toBe('home');
    expect(validateMessage({ blocks: home.blocks }, { maxBlocks: HOME_MAX_BLOCKS, view: true })).toEqual([]);
  });

  it('stays within 100 blocks with many confirmations, jobs, accounts and entries, saying how many more', () => {
    const base = homeExample();
    const item = base.pending[0]!;
    const many: HomeData = {
      accounts: Array.from({ length: 300 }, (_, i) => ({ ...base.accounts[0]!, name: `account-${i}` })),
      pending: Array.from({ length: 120 }, (_, i) => ({
        ...item,
        pending: { ...item.pending, id: `p${i}` },
      })),
      jobs: Array.from({ length: 40 }, (_, i) => ({ ...base.jobs[0]!, id: `j${i}` })),
      audit: Array.from({ length: 10 }, () => base.audit[0]!),
    };
    const home = renderHome(many, { tone: 'ok', title: 'Approved', text: 'done' });
    expect(home.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(validateMessage({ blocks: home.blocks }, { maxBlocks: HOME_MAX_BLOCKS, view: true })).toEqual([]);
    const text = JSON.stringify(home.blocks);
    expect(text).toMatch(/…and \d+ more waiting/);
    expect(text).toContain('…and 30 more jobs');
    expect(text).toMatch(/…and \d+ more accounts/);
    const ids = (home.blocks as { block_id?: string }[]).map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers only the buttons the person may use', () => {
    const base = homeExample();
    const onlyCancel = renderHome({ ...base, pending: [{ ...base.pending[0]!, canApprove: false }] });
    const actions = onlyCancel.blocks.filter((b) => b.type === 'actions') as {
      elements: { action_id: string }[];
    }[];
    expect(actions.flatMap((a) => a.elements.map((e) => e.action_id))).toEqual(['room_cancel']);
  });
});

describe('jobs list', () => {
  it('is a table whose run times are local times (a countdown on Discord for scheduled ones)', () => {
    const runAt = new Date('2026-12-01T13:30:00Z');
    const jobs = [
      {
        id: 'j_81c0',
        action: 'mute',
        account: 'rong-prod',
        state: 'scheduled',
        runAt: runAt.toISOString(),
        total: 5,
        done: 0,
        failed: 0,
        left: 5,
        description: 'Mute 5 rooms on rong-prod',
      },
    ];
    const view = toView({
      type: 'result',
      action: 'jobs',
      account: null,
      vendor: null,
      kind: 'read',
      visibility: 'private',
      summary: '1 job',
      result: { jobs },
      view: jobsCommand.view({ jobs }),
    });
    const [page] = slack(view);
    expect(validateMessage({ text: 'x', blocks: page!.blocks })).toEqual([]);
    const table = page!.blocks.find((b) => b.type === 'table') as unknown as { rows: Json[][] };
    expect(JSON.stringify(table.rows[1]![4])).toContain(`"timestamp":${runAt.getTime() / 1000}`);
    const [embed] = discord(view);
    expect(JSON.stringify(embed)).toContain(`<t:${runAt.getTime() / 1000}:R>`);
  });
});
