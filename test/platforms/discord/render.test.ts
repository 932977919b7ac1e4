/**
 * The Discord renderer keeps every View within Discord's limits (checked by
 * the same rules the fake Discord enforces) and lets no user or vendor text
 * mention, link or break out of a code block.
 */
import { describe, expect, it } from 'vitest';
import { confirmRow, pageRow, renderPages } from '../../../src/render/discord/index.js';
import type { View } from '../../../src/view/view.js';
import { messageProblems } from '../../fakes/discord/limits.js';

const long = (n: number, unit = 'abcdefghij') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

describe('limits', () => {
  it('keeps an oversized view within every limit, paging the table', () => {
    const view: View = {
      tone: 'info',
      title: long(400),
      text: long(5000),
      facts: Array.from({ length: 40 }, (_, i) => ({ label: `fact ${i} ${long(300)}`, value: long(2000) })),
      table: {
        columns: ['id', 'name', 'status'],
        rows: Array.from({ length: 300 }, (_, i) => [`room-${i}`, long(80), 'LIVE']),
      },
      notes: [long(3000)],
    };
    const pages = renderPages(view);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(messageProblems({ embeds: [page], components: [pageRow('k', 0, pages.length)] })).toEqual([]);
      expect(page.description!.match(/```/g)).toHaveLength(2);
    }
    // Every row appears on exactly one page.
    const all = pages.map((p) => p.description).join('\n');
    for (let i = 0; i < 300; i++) expect(all.match(new RegExp(`room-${i}\\s`, 'g'))).toHaveLength(1);
  });

  it('pages a long dry-run code block', () => {
    const code = Array.from(
      { length: 400 },
      (_, i) => `POST https://example.test/rooms/${i} {"name":"${long(40)}"}`,
    ).join('\n');
    const pages = renderPages({ tone: 'info', title: 'Dry run', facts: [], notes: [], code });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(messageProblems({ embeds: [page] })).toEqual([]);
  });

  it('draws a short view as one embed with the tone colour', () => {
    const pages = renderPages({
      tone: 'error',
      title: 'delete failed',
      text: 'boom',
      facts: [{ label: 'Error', value: 'vendor_unavailable' }],
      notes: [],
    });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.color).toBe(0xc62828);
    expect(pages[0]!.footer).toBeUndefined();
  });

  it('builds the confirmation buttons with the fixed custom ids', () => {
    const row = confirmRow({ pendingId: 'abc', confirmLabel: 'Delete', question: 'Delete r?' });
    expect(row.components.map((b) => [b.custom_id, b.style])).toEqual([
      ['room_confirm:abc', 4],
      ['room_cancel:abc', 2],
    ]);
  });
});

describe('untrusted text', () => {
  const view: View = {
    tone: 'ok',
    title: 'Created <@123> @everyone',
    text: '**bold** [click](https://evil.test) <@&456> @here\n# heading\n> quote',
    facts: [{ label: 'name', value: '`code` ||spoiler|| _it_' }],
    table: { columns: ['id', 'name'], rows: [['r1', 'has ``` fence']] },
    notes: [],
  };
  const [page] = renderPages(view);

  it('escapes mentions so they cannot even render as one', () => {
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/(?<!\\\\)<@/);
    expect(text).not.toMatch(/@everyone|@here/);
  });

  it('escapes markdown and links', () => {
    expect(page!.description).toContain('\\*\\*bold\\*\\*');
    expect(page!.description).toContain('\\[click\\]');
    expect(page!.description).toContain('\\# heading');
    expect(page!.description).toContain('**name:** \\`code\\` \\|\\|spoiler\\|\\| \\_it\\_');
  });

  it('keeps a table cell from closing the code block', () => {
    expect(page!.description!.match(/```/g)).toHaveLength(2);
  });
});
