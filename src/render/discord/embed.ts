/**
 * Draws a platform-neutral View as Discord embeds, one embed per page, within
 * Discord's limits: title 256, description 4,096, 25 fields (name 256, value
 * 1,024), footer 2,048, 6,000 characters per message. The order is every
 * platform's: the title (the tone's marker first), the text, the facts, the
 * table or code, the notes (footer). Facts are description lines, so they
 * come before the table as on Slack and in the shell. A table is a code
 * block, unless its cells hold times or people: a code block would show
 * `<t:…>` raw, so each row becomes a field. A long table or code block is
 * split into pages the adapter lets people flip through with buttons.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { plainText, type View, type ViewTable } from '../../view/view.js';
import { escapeCode, escapeText } from './escape.js';
import { hasMarkup, markdown } from './inline.js';
import { DISCORD_LIMITS as L, TABLE_ROWS_PER_PAGE, truncate } from './limits.js';
import { tableLines } from './table.js';
import { TONE_COLOUR, TONE_MARK } from './tone.js';

const FENCE_OVERHEAD = '```\n\n```'.length;
/** Room kept for the "Page i/n" footer suffix. */
const PAGE_MARK = 24;

/** Room kept for the body (table or code) on each page when facts are many. */
const BODY_RESERVE = 2500;
const MAX_NOTES = 1000;
const MAX_INTRO = 1500;
const MAX_FACT = 300;

export function renderPages(view: View): APIEmbed[] {
  const mark = TONE_MARK[view.tone];
  const title = truncate(`${mark ? `${mark} ` : ''}${escapeText(view.title)}`, L.embedTitle);
  const notes = truncate(escapeText(view.notes.join(' · ')), MAX_NOTES);
  // Everything shares the 6,000-character message total (Discord's embed limits).
  const total = L.embedTotal - title.length - notes.length - PAGE_MARK;
  const hasBody = view.table !== undefined || view.code !== undefined;
  const reserve = hasBody ? BODY_RESERVE : 0;
  const intro = view.text ? truncate(escapeText(view.text), Math.min(MAX_INTRO, total - reserve)) : '';
  const facts = factLines(view, Math.min(L.embedDescription, total) - intro.length - reserve - 4);
  const head = [intro, facts].filter((s) => s.length > 0).join('\n\n');
  // What one page may add after the head: description text, or fields.
  const budget = Math.min(L.embedDescription, total) - head.length - 2;

  const rich = view.table !== undefined && view.table.rows.some((r) => r.some(hasMarkup));
  const pages: { body: string; fields?: APIEmbedField[] }[] = rich
    ? fieldPages(view.table!, total - head.length).map((fields) => ({ body: '', fields }))
    : [...tablePages(view, budget), ...codePages(view.code, budget)].map((body) => ({ body }));
  if (pages.length === 0) pages.push({ body: '' });
  return pages.map((page, i) => {
    const description = [head, page.body].filter((s) => s.length > 0).join('\n\n');
    const footer = [notes, pages.length > 1 ? `Page ${i + 1}/${pages.length}` : '']
      .filter((s) => s.length > 0)
      .join(' · ');
    return {
      title,
      color: TONE_COLOUR[view.tone],
      ...(description ? { description } : {}),
      ...(page.fields?.length ? { fields: page.fields } : {}),
      ...(footer ? { footer: { text: footer } } : {}),
    };
  });
}

/** Facts as `**Label:** value` lines within `budget` characters; what does not fit is counted. */
function factLines(view: View, budget: number): string {
  const lines: string[] = [];
  let left = budget - 40;
  for (const [i, fact] of view.facts.entries()) {
    const label = `**${truncate(escapeText(fact.label), 100)}:** `;
    const value = markdown(fact.value, Math.min(MAX_FACT, left - label.length - 1)) || '—';
    const line = `${label}${value}`;
    if (left - line.length - 1 < 0 || value.length === 0) {
      lines.push(`… ${view.facts.length - i} more not shown`);
      break;
    }
    lines.push(line);
    left -= line.length + 1;
  }
  return lines.join('\n');
}

/**
 * A table whose cells hold times or people: one field per row, named by its
 * plain columns, its other columns as `**Column:** value` lines. At most
 * TABLE_ROWS_PER_PAGE (< 25) rows and `budget` characters per page.
 */
function fieldPages(table: ViewTable, budget: number): APIEmbedField[][] {
  const richColumn = table.columns.map((_, c) => table.rows.some((r) => hasMarkup(r[c] ?? '')));
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = 0;
  for (const row of table.rows) {
    const name =
      truncate(
        escapeText(
          table.columns
            .map((_, c) => (richColumn[c] ? '' : plainText(row[c] ?? '')))
            .filter((s) => s.trim().length > 0)
            .join(' · '),
        ),
        L.fieldName,
      ) || '\u200b';
    const value =
      truncate(
        table.columns
          .map((column, c) =>
            richColumn[c] ? `**${escapeText(column)}:** ${markdown(row[c] ?? '', 200) || '—'}` : '',
          )
          .filter((s) => s.length > 0)
          .join('\n'),
        L.fieldValue,
      ) || '\u200b';
    const cost = name.length + value.length;
    if (page.length >= TABLE_ROWS_PER_PAGE || (page.length > 0 && size + cost > budget)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push({ name, value });
    size += cost;
  }
  if (page.length) pages.push(page);
  return pages;
}

function tablePages(view: View, budget: number): string[] {
  if (!view.table) return [];
  if (view.table.rows.length === 0) return ['*None.*'];
  const { header, rows } = tableLines(view.table);
  return packLines(rows, header, budget, TABLE_ROWS_PER_PAGE);
}

function codePages(code: string | undefined, budget: number): string[] {
  if (!code) return [];
  return packLines(escapeCode(code).split('\n'), [], budget, Number.POSITIVE_INFINITY);
}

/** Packs lines into code blocks of at most `budget` characters and `maxLines` body lines each. */
function packLines(lines: string[], header: string[], budget: number, maxLines: number): string[] {
  const room = budget - FENCE_OVERHEAD;
  const headerText = header.join('\n');
  const pages: string[] = [];
  let current: string[] = [];
  let size = headerText.length;
  const flush = () => {
    if (current.length === 0) return;
    pages.push(`\`\`\`\n${[...header, ...current].join('\n')}\n\`\`\``);
    current = [];
    size = headerText.length;
  };
  for (const raw of lines) {
    const line = truncate(raw, Math.max(20, room - headerText.length - 1));
    if (current.length >= maxLines || size + line.length + 1 > room) flush();
    current.push(line);
    size += line.length + 1;
  }
  flush();
  return pages;
}

/** A short notice (a job's progress or end, what a job button did): its text as one embed's description. */
export function renderNotice(text: string, tone: View['tone']): APIEmbed {
  const mark = TONE_MARK[tone];
  return {
    color: TONE_COLOUR[tone],
    description: truncate(`${mark ? `${mark} ` : ''}${escapeText(text)}`, L.embedDescription),
  };
}
