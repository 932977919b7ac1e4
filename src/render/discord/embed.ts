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

export function renderPages(view: View): APIEmbed[] {
  const title = truncate(escapeText(view.title), L.embedTitle);
  const fields = view.facts.slice(0, L.embedFields).map(
    (fact): APIEmbedField => ({
      name: truncate(escapeText(fact.label), L.fieldName) || '\u200b',
      value: truncate(escapeText(fact.value), L.fieldValue) || '\u200b',
      inline: fact.value.length <= 40,
    }),
  );
  const notes = truncate(escapeText(view.notes.join(' · ')), L.footer - PAGE_MARK);
  const fieldChars = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const intro = view.text ? truncate(escapeText(view.text), 1500) : '';
  // What one page's description may hold: the per-embed cap and what the
  // 6,000-character message total leaves after title, fields and footer.
  const budget = Math.min(L.embedDescription, L.embedTotal - title.length - fieldChars - notes.length - PAGE_MARK) - intro.length - 2;

  const bodies = [...tablePages(view, budget), ...codePages(view.code, budget)];
  if (bodies.length === 0) bodies.push('');
  return bodies.map((body, i) => {
    const description = [intro, body].filter((s) => s.length > 0).join('\n\n');
    const footer = [notes, bodies.length > 1 ? `Page ${i + 1}/${bodies.length}` : ''].filter((s) => s.length > 0).join(' · ');
    return {
      title,
      color: TONE_COLOUR[view.tone],
      ...(description ? { description } : {}),
      ...(fields.length > 0 ? { fields } : {}),
      ...(footer ? { footer: { text: footer } } : {}),
    };
  });
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
