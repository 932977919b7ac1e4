/**
 * Draws a platform-neutral View as Block Kit, within Slack's limits
 * (limits.ts), in the same order as every platform: the header (the tone's
 * marker first, shown once), the text, the facts as section fields, the
 * table or code, the notes, the buttons. A table is Slack's native `table`
 * block, one per message, each page one table; its monospace rendering
 * travels along as `fallbackBlocks` for a workspace that refuses the table
 * (`invalid_blocks`), and is used at once where the table block cannot hold
 * the table (more than 20 columns). A long table or code block is split into
 * pages the adapter lets people flip through with `room_page` buttons.
 */
import type { types } from '@slack/bolt';
import type { View, ViewRich } from '../../view/view.js';
import { confirmBlock, pagerBlock } from './buttons.js';
import { escapeCode, fitEscaped } from './escape.js';
import { cellChars, mrkdwn, type TableCell, tableCell } from './inline.js';
import { SLACK_LIMITS as L, TABLE_CELL_MAX, TABLE_LIMITS, TABLE_ROWS_PER_PAGE, truncate } from './limits.js';
import { tableLines } from './table.js';
import { TONE_EMOJI } from './tone.js';

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: types.KnownBlock[];
  /**
   * The same message with the table as monospace code instead of a `table`
   * block; never sent with the message, posted only if Slack refuses it.
   */
  fallbackBlocks?: types.KnownBlock[];
}

const FENCE = '```';
const FENCE_OVERHEAD = FENCE.length * 2 + 2;
/** Facts share this many characters, so a page keeps room for its body. */
const FACTS_BUDGET = 3000;
const INTRO_MAX = 2000;
const NOTES_MAX = 1000;
/** Kept free on every page for the pager and the confirm buttons. */
const BUTTONS_RESERVE = 700;
/** At most this many code sections per page (each ≤ 3,000 characters). */
const BODY_SECTIONS_PER_PAGE = 3;

interface Body {
  blocks: types.KnownBlock[];
  fallback?: types.KnownBlock[];
}

/** Every page of the view; one page unless the table or code is long. */
export function renderPages(view: View): SlackMessage[] {
  const head = headBlocks(view);
  const notes = view.notes.length ? fitEscaped(view.notes.join(' · '), NOTES_MAX) : '';
  const fixedChars = textLength(head) + notes.length;
  const budget = L.totalText - fixedChars - BUTTONS_RESERVE;
  const bodies = [...tableBodies(view, budget), ...codeBodies(view, budget)];
  if (bodies.length === 0) bodies.push({ blocks: [] });
  return bodies.map((body, i) => {
    const tail: types.KnownBlock[] = [];
    if (notes) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes }] });
    if (view.confirm && i === bodies.length - 1)
      tail.push(confirmBlock(view.confirm, view.text ?? view.title));
    return {
      text: fallback(view),
      blocks: [...head, ...body.blocks, ...tail],
      ...(body.fallback ? { fallbackBlocks: [...head, ...body.fallback, ...tail] } : {}),
    };
  });
}

/** One page of a paged view, with Previous/Next buttons. */
export function withPager(page: SlackMessage, key: string, index: number, total: number): SlackMessage {
  if (total <= 1) return page;
  const marker: types.ContextBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Page ${index + 1} of ${total}` }],
  };
  const extra = [marker, pagerBlock(key, index, total)];
  return {
    text: page.text,
    blocks: [...page.blocks, ...extra],
    ...(page.fallbackBlocks ? { fallbackBlocks: [...page.fallbackBlocks, ...extra] } : {}),
  };
}

/** A short, plain message (no header), e.g. "These pages have expired". */
export function renderNotice(text: string): SlackMessage {
  const safe = fitEscaped(text, L.sectionText);
  return {
    text: fitEscaped(text, L.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe } }],
  };
}

/** The header text: the tone's marker (none for a plain read), then the title. */
export function headerText(view: Pick<View, 'tone' | 'title'>): string {
  const mark = TONE_EMOJI[view.tone];
  // emoji: true lets the marker render; a `:name:` inside the title itself stays text.
  const title = fitEscaped(
    (view.title || ' ').replace(/:(?=[\w+-]+:)/g, ':\u200b'),
    L.header - mark.length - 1,
  );
  return mark ? `${mark} ${title}` : title;
}

function headBlocks(view: View): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: headerText(view), emoji: true } },
  ];
  const intro = view.text?.trim();
  if (intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitEscaped(intro, INTRO_MAX) } });
  if (view.facts.length) {
    const perFact = Math.max(40, Math.min(L.fieldText, Math.floor(FACTS_BUDGET / view.facts.length)));
    for (let i = 0; i < view.facts.length && i < L.fields * 2; i += L.fields) {
      const fields = view.facts.slice(i, i + L.fields).map((f): types.MrkdwnElement => {
        const label = fitEscaped(f.label, 100);
        return { type: 'mrkdwn', text: `*${label}*\n${factValue(f.value, perFact - label.length - 3)}` };
      });
      blocks.push({ type: 'section', fields });
    }
  }
  return blocks;
}

function factValue(value: ViewRich, max: number): string {
  return mrkdwn(value, max) || '—';
}

function codeSection(body: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: `${FENCE}\n${body}\n${FENCE}` } };
}

/** Pages of the table: each one native table block with its monospace fallback. */
function tableBodies(view: View, budget: number): Body[] {
  const table = view.table;
  if (!table) return [];
  if (table.rows.length === 0)
    return [{ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '_None._' } }] }];
  const { header, rows: lines } = tableLines(table);
  const escapedHeader = header.map(escapeCode);
  const headerChars = escapedHeader.join('\n').length + 1;
  // The fallback's rows must fit in BODY_SECTIONS_PER_PAGE code sections, each repeating the header.
  const section = Math.min(L.sectionText, budget) - FENCE_OVERHEAD - headerChars;
  const monoRoom =
    Math.min(
      section * BODY_SECTIONS_PER_PAGE,
      budget - (headerChars + FENCE_OVERHEAD) * BODY_SECTIONS_PER_PAGE,
    ) - 100;
  const native = table.columns.length <= TABLE_LIMITS.cells;
  const headCells = table.columns.map((c) => tableCell(c, TABLE_CELL_MAX));
  const headChars = headCells.reduce((n, c) => n + cellChars(c), 0);
  const cellRoom = Math.min(TABLE_LIMITS.chars, budget) - headChars;

  const bodies: Body[] = [];
  let rows: TableCell[][] = [];
  let mono: string[] = [];
  let chars = 0;
  let monoChars = 0;
  const flush = () => {
    if (mono.length === 0) return;
    const code = packLines(mono, escapedHeader, Math.min(L.sectionText, budget)).map(codeSection);
    bodies.push(native ? { blocks: [tableBlock(view, headCells, rows)], fallback: code } : { blocks: code });
    rows = [];
    mono = [];
    chars = 0;
    monoChars = 0;
  };
  table.rows.forEach((row, i) => {
    const cells = table.columns.map((_, c) => tableCell(row[c] ?? '', TABLE_CELL_MAX));
    const size = cells.reduce((n, c) => n + cellChars(c), 0);
    const line = escapeCode(lines[i]!);
    const full =
      mono.length >= TABLE_ROWS_PER_PAGE ||
      (native && chars + size > cellRoom) ||
      monoChars + line.length + 1 > monoRoom;
    if (full) flush();
    rows.push(cells);
    mono.push(line);
    chars += size;
    monoChars += line.length + 1;
  });
  flush();
  return bodies;
}

function tableBlock(view: View, head: TableCell[], rows: TableCell[][]): types.KnownBlock {
  const numeric = view.table!.columns.map((_, c) =>
    view.table!.rows.every((r) => typeof r[c] === 'string' && /^-?\d+(\.\d+)?$/.test(r[c] as string)),
  );
  return {
    type: 'table',
    column_settings: numeric.map((n) => ({ align: n ? 'right' : 'left' })),
    rows: [head, ...rows] as types.TableBlock['rows'],
  } as types.KnownBlock;
}

/** Pages of dry-run code: sections of ≤ 3,000 characters, at most three per page. */
function codeBodies(view: View, budget: number): Body[] {
  if (!view.code) return [];
  const chunks = packLines(view.code.split('\n').map(escapeCode), [], Math.min(L.sectionText, budget));
  const bodies: Body[] = [];
  let page: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (
      page.length >= BODY_SECTIONS_PER_PAGE ||
      (page.length > 0 && size + chunk.length + FENCE_OVERHEAD > budget)
    ) {
      bodies.push({ blocks: page.map(codeSection) });
      page = [];
      size = 0;
    }
    page.push(chunk);
    size += chunk.length + FENCE_OVERHEAD;
  }
  if (page.length) bodies.push({ blocks: page.map(codeSection) });
  return bodies;
}

/** Packs lines into bodies of at most `max` characters (fences included), the header on each. */
function packLines(lines: string[], header: string[], max: number): string[] {
  const room = max - FENCE_OVERHEAD;
  const headerText = header.join('\n');
  const bodies: string[] = [];
  let current: string[] = [];
  let size = headerText.length;
  const flush = () => {
    if (current.length === 0) return;
    bodies.push([...header, ...current].join('\n'));
    current = [];
    size = headerText.length;
  };
  for (const raw of lines) {
    const line = cutEscaped(raw, Math.max(20, room - headerText.length - 1));
    if (current.length > 0 && size + line.length + 1 > room) flush();
    current.push(line);
    size += line.length + 1;
  }
  flush();
  return bodies;
}

/** Cuts an already escaped line without splitting an entity like `&amp;`. */
function cutEscaped(line: string, max: number): string {
  if (line.length <= max) return line;
  let cut = line.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

function fallback(view: View): string {
  const parts = [view.title, view.text].filter((s): s is string => !!s && s.trim().length > 0);
  return fitEscaped(truncate(parts.join(' — '), L.fallbackText), L.fallbackText);
}

/** All text in blocks, as Slack counts it toward `msg_blocks_too_long`. */
export function textLength(blocks: readonly types.KnownBlock[]): number {
  let n = 0;
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'text') n += value.length;
      return;
    }
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(blocks);
  return n;
}
