/**
 * Draws a platform-neutral View as Block Kit, within Slack's limits
 * (limits.ts): a header, the text as a section, facts as section fields,
 * tables and dry-run requests as monospaced code blocks, notes as context,
 * and the confirm/cancel buttons. A long table or code block is split into
 * pages; the adapter lets people flip through them with `room_page` buttons.
 */
import type { types } from '@slack/bolt';
import type { View } from '../view.js';
import { confirmBlock, pagerBlock } from './buttons.js';
import { escapeCode, fitEscaped } from './escape.js';
import { SLACK_LIMITS as L, TABLE_ROWS_PER_PAGE, truncate } from './limits.js';
import { tableLines } from './table.js';
import { TONE_EMOJI } from './tone.js';

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: types.KnownBlock[];
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

/** Every page of the view; one page unless the table or code is long. */
export function renderPages(view: View): SlackMessage[] {
  const head = headBlocks(view);
  const notes = view.notes.length ? fitEscaped(view.notes.join(' · '), NOTES_MAX) : '';
  const fixedChars = textLength(head) + notes.length;
  const budget = L.totalText - fixedChars - BUTTONS_RESERVE;
  const pages = bodyPages(view, budget);
  if (pages.length === 0) pages.push([]);
  return pages.map((sections, i) => {
    const blocks: types.KnownBlock[] = [...head, ...sections.map(codeSection)];
    if (notes) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes }] });
    if (view.confirm && i === pages.length - 1)
      blocks.push(confirmBlock(view.confirm, view.text ?? view.title));
    return { text: fallback(view), blocks };
  });
}

/** One page of a paged view, with Previous/Next buttons. */
export function withPager(page: SlackMessage, key: string, index: number, total: number): SlackMessage {
  if (total <= 1) return page;
  const marker: types.ContextBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Page ${index + 1} of ${total}` }],
  };
  return { text: page.text, blocks: [...page.blocks, marker, pagerBlock(key, index, total)] };
}

/** A short, plain message (no header), e.g. "These pages have expired". */
export function renderNotice(text: string): SlackMessage {
  const safe = fitEscaped(text, L.sectionText);
  return {
    text: fitEscaped(text, L.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe } }],
  };
}

function headBlocks(view: View): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: fitEscaped(view.title || ' ', L.header), emoji: false },
    },
  ];
  const intro = view.text?.trim();
  if (intro)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${TONE_EMOJI[view.tone]} ${fitEscaped(intro, INTRO_MAX)}` },
    });
  else blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: TONE_EMOJI[view.tone] }] });
  if (view.facts.length) {
    const perFact = Math.max(40, Math.min(L.fieldText, Math.floor(FACTS_BUDGET / view.facts.length)));
    for (let i = 0; i < view.facts.length && i < L.fields * 2; i += L.fields) {
      const fields = view.facts.slice(i, i + L.fields).map((f): types.MrkdwnElement => {
        const label = fitEscaped(f.label, 100);
        return {
          type: 'mrkdwn',
          text: `*${label}*\n${fitEscaped(f.value || '—', perFact - label.length - 3)}`,
        };
      });
      blocks.push({ type: 'section', fields });
    }
  }
  return blocks;
}

function codeSection(body: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: `${FENCE}\n${body}\n${FENCE}` } };
}

/** Pages of code-section bodies (already escaped): table rows first, then code. */
function bodyPages(view: View, budget: number): string[][] {
  const pages: string[][] = [];
  if (view.table) {
    if (view.table.rows.length === 0) pages.push([escapeCode('(none)')]);
    else {
      const { header, rows } = tableLines(view.table);
      const chunks = packLines(
        rows.map(escapeCode),
        header.map(escapeCode),
        Math.min(L.sectionText, budget),
        TABLE_ROWS_PER_PAGE,
      );
      for (const chunk of chunks) pages.push([chunk]);
    }
  }
  if (view.code) {
    const chunks = packLines(
      view.code.split('\n').map(escapeCode),
      [],
      Math.min(L.sectionText, budget),
      Number.POSITIVE_INFINITY,
    );
    let page: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      if (
        page.length >= BODY_SECTIONS_PER_PAGE ||
        (page.length > 0 && size + chunk.length + FENCE_OVERHEAD > budget)
      ) {
        pages.push(page);
        page = [];
        size = 0;
      }
      page.push(chunk);
      size += chunk.length + FENCE_OVERHEAD;
    }
    if (page.length) pages.push(page);
  }
  return pages;
}

/** Packs lines into bodies of at most `max` characters (fences included) and `maxLines` lines besides the header. */
function packLines(lines: string[], header: string[], max: number, maxLines: number): string[] {
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
    if (current.length >= maxLines || (current.length > 0 && size + line.length + 1 > room)) flush();
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
