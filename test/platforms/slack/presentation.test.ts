/**
 * What Slack users see, through the real Bolt app and the fake Slack (which
 * validates the table block: ≤ 100 rows, ≤ 20 cells, one per message, cell
 * shapes): lists and audit as native tables, times as `<!date^…>`, people as
 * mentions, the tone once in the header, and the monospace fallback with
 * columns in line when Slack refuses the table.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, OPERATOR, pendingIdOf, SlackHarness, shown } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterEach(() => {
  h.fake.rejectTables = false;
});
afterAll(async () => h?.close());

type Cell = { type: string; text?: string; elements?: { elements: Record<string, unknown>[] }[] };
type Block = { type: string; rows?: Cell[][]; text?: { text: string }; elements?: { text?: string }[] };
const blocksOf = (post: { body: Record<string, unknown> }) => post.body.blocks as Block[];

/** What a code block shows: Slack decodes the three entities. */
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Slack tables', () => {
  it('a room list is one native table: a header row, at most 20 rows a page, every row the same width', async () => {
    const post = await h.ask('list rong limit=100');
    expect(post.status).toBe(200);
    const tables = blocksOf(post).filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows!;
    expect(rows[0]!.map((c) => c.text)).toEqual(
      ['id', 'name', 'status', 'source'].filter((c) => rows[0]!.some((x) => x.text === c)),
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBeLessThanOrEqual(21);
    for (const row of rows) {
      expect(row).toHaveLength(rows[0]!.length);
      for (const cell of row)
        expect(cell).toMatchObject({ type: 'raw_text', text: expect.stringMatching(/\S/) });
    }
    // No code block and no bare emoji block: the table carries the list.
    expect(shown(post)).not.toContain('```');
    expect(
      blocksOf(post).filter(
        (b) => b.type === 'context' && b.elements?.every((e) => /^:[a-z_]+:$/.test(e.text ?? '')),
      ),
    ).toEqual([]);
  });

  it('audit entries are a table whose times are date elements and whose people are user elements', async () => {
    await h.ask('list ifly', OPERATOR);
    const post = await h.ask('audit limit=5', ADMIN);
    expect(post.status).toBe(200);
    const table = blocksOf(post).find((b) => b.type === 'table')!;
    const [head, ...rows] = table.rows!;
    expect(head!.map((c) => c.text)).toEqual(['Time', 'Who', 'Account', 'Action', 'Rooms', 'Outcome']);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [time, who] = row.map((c) => c.elements?.[0]?.elements[0]);
      expect(time).toMatchObject({
        type: 'date',
        timestamp: expect.any(Number),
        format: '{date_short_pretty} {time}',
        fallback: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
      expect(who).toMatchObject({ type: 'user', user_id: expect.stringMatching(/^U0(ADMIN|OPER)$/) });
    }
  });

  it('falls back to a monospace table when Slack refuses the table block, its columns in line despite <, & and emoji', async () => {
    for (const name of ['<b>&amp; co', 'Café ☕', 'Party 🎉🎉 & <friends>', 'plain'])
      expect((await h.ask(`create ifly "${name}"`, OPERATOR)).status).toBe(200);
    h.fake.rejectTables = true;
    const sent = await h.command('list ifly');
    const posts = await h.fake.waitForPosts(2, sent.responseUrl);
    expect(posts.map((p) => p.status)).toEqual([400, 200]);
    const fallback = posts[1]!;
    expect(blocksOf(fallback).some((b) => b.type === 'table')).toBe(false);
    const code = blocksOf(fallback).find((b) => b.type === 'section' && b.text?.text.startsWith('```'))!;
    const lines = decode(code.text!.text).split('\n').slice(1, -1);
    expect(lines.some((l) => l.includes('Party 🎉🎉 & <friends>'))).toBe(true);
    // Every line puts its last column ("source") at the same display column.
    const starts = lines
      .filter((l) => !l.startsWith('--'))
      .map((l) => [...l].length - [...l.split(/\s{2,}/).at(-1)!].length);
    expect(new Set(starts).size).toBe(1);
    // The raw text never leaks as markup.
    expect(code.text!.text).not.toMatch(/<b>|<friends>/);
  });
});

describe('times, people and tone', () => {
  it('a prompt shows the requester as a mention and its expiry as a local time, the tone once', async () => {
    const prompt = await h.ask('delete rong support-1', ADMIN);
    pendingIdOf(prompt);
    const text = shown(prompt);
    expect(text).toContain('*Requested by*\\n<@U0ADMIN>');
    expect(text).toMatch(
      /\*Expires\*\\n<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ>/,
    );
    const header = blocksOf(prompt)[0]!;
    expect(header.type).toBe('header');
    expect(header.text!.text).toMatch(/^:hourglass_flowing_sand: /);
    expect(text.match(/hourglass/g)).toHaveLength(1);
  });

  it('a read carries no tone marker at all', async () => {
    const post = await h.ask('info rong lobby');
    expect(blocksOf(post)[0]!.text!.text).not.toMatch(/^:/);
    expect(shown(post)).not.toContain(':information_source:');
  });
});
