/**
 * Draws a platform-neutral View as Discord embeds, one embed per page, within
 * Discord's limits: title 256, description 4,096, 25 fields (name 256, value
 * 1,024), footer 2,048, 6,000 characters per message. Tables and dry-run
 * requests become code blocks; a long table or code block is split into
 * pages the adapter lets people flip through with buttons.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { View } from '../view.js';
import { escapeCode, escapeText } from './escape.js';
import { DISCORD_LIMITS as L, TABLE_ROWS_PER_PAGE, truncate } from './limits.js';
import { tableLines } from './table.js';
import { TONE_COLOUR } from './tone.js';

const FENCE_OVERHEAD = '```\n\n```'.length;
/** Room kept for the "Page i/n" footer suffix. */
const PAGE_MARK = 24;

/** Room kept for the body (table or code) on each page when facts are many. */
const BODY_RESERVE = 2500;
const MAX_NOTES = 1000;
const MAX_INTRO = 1500;

export function renderPages(view: View): APIEmbed[] {
  const title = truncate(escapeText(view.title), L.embedTitle);
  const notes = truncate(escapeText(view.notes.join(' · ')), MAX_NOTES);
  // Everything shares the 6,000-character message total (Discord's embed limits).
  const total = L.embedTotal - title.length - notes.length - PAGE_MARK;
  const hasBody = view.table !== undefined || view.code !== undefined;
  const intro = view.text
    ? truncate(escapeText(view.text), Math.min(MAX_INTRO, total - (hasBody ? BODY_RESERVE : 0)))
    : '';
  const fields = fitFields(view, total - intro.length - (hasBody ? BODY_RESERVE : 0));
  const fieldChars = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  // What one page's description may hold after the intro paragraph.
  const budget = Math.min(L.embedDescription, total - fieldChars) - intro.length - 2;

  const bodies = [...tablePages(view, budget), ...codePages(view.code, budget)];
  if (bodies.length === 0) bodies.push('');
  return bodies.map((body, i) => {
    const description = [intro, body].filter((s) => s.length > 0).join('\n\n');
    const footer = [notes, bodies.length > 1 ? `Page ${i + 1}/${bodies.length}` : '']
      .filter((s) => s.length > 0)
      .join(' · ');
    return {
      title,
      color: TONE_COLOUR[view.tone],
      ...(description ? { description } : {}),
      ...(fields.length > 0 ? { fields } : {}),
      ...(footer ? { footer: { text: footer } } : {}),
    };
  });
}

/** Facts as fields within `budget` characters and 25 fields; what does not fit is counted in a last field. */
function fitFields(view: View, budget: number): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let left = budget - 40;
  for (const [i, fact] of view.facts.entries()) {
    const name = truncate(escapeText(fact.label), Math.min(L.fieldName, 100)) || '\u200b';
    const room = Math.min(L.fieldValue, left - name.length);
    if (fields.length === L.embedFields - 1 || room < 20) {
      const rest = view.facts.length - i;
      fields.push({ name: '…', value: `${rest} more not shown` });
      break;
    }
    const value = truncate(escapeText(fact.value), room) || '\u200b';
    fields.push({ name, value, inline: fact.value.length <= 40 });
    left -= name.length + value.length;
  }
  return fields;
}

function tablePages(view: View, budget: number): string[] {
  if (!view.table) return [];
  if (view.table.rows.length === 0) return [escapeText('(none)')];
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
