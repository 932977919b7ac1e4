/** The Block Kit renderer keeps every Slack limit, escapes untrusted text and pages long lists. */
import { describe, expect, it } from 'vitest';
import { renderPages, SLACK_LIMITS, textLength, withPager } from '../../../src/render/slack/index.js';
import type { View } from '../../../src/view/view.js';
import { validateMessage } from '../../fakes/slack/index.js';

const base: View = { tone: 'info', title: 'Rooms', facts: [], notes: [] };

describe('Block Kit renderer', () => {
  it('escapes &, < and > in every text, so a room named <!channel> pings nobody', () => {
    const view: View = {
      ...base,
      title: '<!channel> & <@U123>',
      text: 'Room <!here> created',
      facts: [{ label: '<b>', value: '<!channel>' }],
      table: { columns: ['id', 'name'], rows: [['1', '<!channel>']] },
      notes: ['by <@U999>'],
      confirm: { pendingId: 'p1', confirmLabel: 'Delete <!channel>', question: 'Delete <!channel>?' },
    };
    const [page] = renderPages(view);
    // Table cells are raw_text, which Slack never reads as markup: only there may the name stay as typed.
    const { fallbackBlocks, ...sent } = page!;
    const markup = JSON.stringify({ ...sent, blocks: sent.blocks.filter((b) => b.type !== 'table') });
    expect(markup).not.toMatch(/<!channel>|<!here>|<@U/);
    expect(markup).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(fallbackBlocks)).not.toMatch(/<!channel>|<!here>|<@U/);
    const table = sent.blocks.find((b) => b.type === 'table') as unknown as { rows: { type: string }[][] };
    expect(table.rows.flat().every((c) => c.type === 'raw_text')).toBe(true);
    expect(page!.text).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; — Room &lt;!here&gt; created');
  });

  it('draws a confirmation with danger room_confirm (four plain_text dialog fields) and room_cancel', () => {
    const [page] = renderPages({
      ...base,
      text: 'Delete room lobby on rong',
      confirm: { pendingId: 'abc', confirmLabel: 'Delete', question: 'Delete lobby?' },
    });
    const actions = page!.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Record<string, unknown>[];
    };
    const [confirm, cancel] = actions.elements;
    expect(confirm).toMatchObject({ action_id: 'room_confirm', value: 'abc', style: 'danger' });
    expect(cancel).toMatchObject({ action_id: 'room_cancel', value: 'abc' });
    const dialog = confirm!.confirm as Record<string, { type: string; text: string }>;
    for (const field of ['title', 'text', 'confirm', 'deny']) expect(dialog[field]!.type).toBe('plain_text');
    expect(validateMessage(page as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('keeps huge titles, texts, facts and notes within the per-block limits', () => {
    const long = 'x<&'.repeat(5000);
    const view: View = {
      ...base,
      title: long,
      text: long,
      facts: Array.from({ length: 25 }, (_, i) => ({ label: `f${i}`, value: long })),
      notes: [long, long],
      confirm: { pendingId: 'p'.repeat(40), confirmLabel: long, question: long },
    };
    for (const page of renderPages(view)) {
      expect(validateMessage(page as unknown as Record<string, unknown>)).toEqual([]);
      expect(textLength(page.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
      expect(page.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    }
  });

  it('splits a long table into pages of at most 20 rows, each within Slack limits, with a pager', () => {
    const rows = Array.from({ length: 95 }, (_, i) => [`room-${i}`, `Name ${'w'.repeat(i % 40)} <${i}>`]);
    const pages = renderPages({ ...base, table: { columns: ['id', 'name'], rows } });
    expect(pages).toHaveLength(5);
    const all = pages.map((p) => JSON.stringify(p)).join('');
    for (let i = 0; i < 95; i++) expect(all).toContain(`room-${i} `);
    pages.forEach((page, i) => {
      const paged = withPager(page, 'key', i, pages.length);
      expect(validateMessage(paged as unknown as Record<string, unknown>)).toEqual([]);
      const pager = paged.blocks.at(-1) as unknown as { elements: { action_id: string; value: string }[] };
      const ids = pager.elements.map((e) => e.action_id);
      expect(ids).toEqual([...(i > 0 ? ['room_page_prev'] : []), ...(i < 4 ? ['room_page_next'] : [])]);
    });
  });

  it('splits a very long code block (dry run) across sections and pages under the total-text ceiling', () => {
    const code = Array.from({ length: 600 }, (_, i) => `line ${i} ${'y'.repeat(60)}`).join('\n');
    const pages = renderPages({ ...base, code });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(textLength(page.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
      expect(validateMessage(page as unknown as Record<string, unknown>)).toEqual([]);
    }
    expect(pages.map((p) => JSON.stringify(p)).join('')).toContain('line 599 ');
  });

  it('shows an empty table as None and a backtick cannot close the fallback code fence', () => {
    const [empty] = renderPages({ ...base, table: { columns: ['id'], rows: [] } });
    expect(JSON.stringify(empty)).toContain('_None._');
    const [ticks] = renderPages({ ...base, table: { columns: ['id'], rows: [['a```b']] } });
    const section = ticks!.fallbackBlocks!.find((b) => b.type === 'section') as unknown as {
      text: { text: string };
    };
    expect(section.text.text.match(/```/g)).toHaveLength(2);
  });
});
