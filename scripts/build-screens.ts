/**
 * docs/screens.md: every kind of answer as users see it, built by the real
 * renderers (scripts/screens/examples.ts) so the page stays true. Each has a
 * Block Kit Builder link (the blocks JSON, URL-encoded) and a rendered
 * example for Slack, Discord and the terminal. Run:
 * `npx tsc -p tsconfig.json && node dist/scripts/build-screens.js`;
 * test/docs/screens.test.ts fails when the page differs from this output.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_NOW, type Example, examples } from './screens/examples.js';

const BUILDER = 'https://app.slack.com/block-kit-builder/#';

type Json = Record<string, unknown>;

export function builderLink(example: Example): string {
  const { fallbackBlocks: _fallback, ...view } = example.slack;
  const payload =
    example.slack.type === 'home'
      ? { type: 'home', blocks: example.slack.blocks }
      : example.slack.type === 'modal'
        ? view
        : { blocks: example.slack.blocks };
  return `${BUILDER}${encodeURIComponent(JSON.stringify(payload))}`;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const EMOJI: Record<string, string> = {
  ':hourglass_flowing_sand:': '⏳',
  ':white_check_mark:': '✅',
  ':x:': '❌',
  ':warning:': '⚠️',
};
/** Text outside code, safe in GitHub Markdown: `<party>` must not become an HTML tag. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const emoji = (s: string) => s.replace(/:[a-z_]+:/g, (code) => EMOJI[code] ?? code);

/** Lines under `> `, with Markdown hard breaks outside code fences. */
function quote(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line, i, all) => {
      if (line.startsWith('```')) fenced = !fenced;
      const breakAfter = !fenced && !line.startsWith('```') && i < all.length - 1 && line.length > 0;
      return `> ${line}${breakAfter ? '  ' : ''}`;
    })
    .join('\n');
}

/** Slack mrkdwn as the reader sees it: dates by their fallback, mentions by id, *bold*. */
function slackInline(text: string): string {
  return emoji(
    html(
      decode(
        text
          .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
          .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
          .replace(/<#([CG][A-Z0-9]+)>/g, '#$1'),
      ),
    ).replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1**$2**'),
  );
}

function cellText(cell: Json): string {
  if (cell.type === 'raw_text') return String(cell.text);
  const section = (cell.elements as Json[])[0]!;
  return (section.elements as Json[])
    .map((e) =>
      e.type === 'user' ? `@${String(e.user_id)}` : e.type === 'date' ? String(e.fallback) : String(e.text),
    )
    .join('');
}

/** The Slack blocks as a Markdown quote: what the message shows, top to bottom. */
export function slackMarkdown(blocks: readonly unknown[]): string {
  const out: string[] = [];
  for (const raw of blocks) {
    const b = raw as Json;
    const text = (b.text as Json | undefined)?.text as string | undefined;
    switch (b.type) {
      case 'header':
        out.push(`> **${emoji(html(decode(text ?? '')))}**`);
        break;
      case 'section':
        if (text) out.push(text.startsWith('```') ? quote(decode(text)) : quote(slackInline(text)));
        if (b.fields)
          out.push(
            (b.fields as Json[])
              .map((f) => `> ${slackInline(String(f.text).replace(/^\*([^*\n]+)\*\n/, '*$1:* '))}`)
              .join('  \n'),
          );
        break;
      case 'context':
        out.push(`> _${(b.elements as Json[]).map((e) => slackInline(String(e.text))).join(' ')}_`);
        break;
      case 'actions':
        out.push(
          `> ${(b.elements as Json[]).map((e) => `\`[ ${decode(String((e.text as Json).text))} ]\``).join(' ')}`,
        );
        break;
      case 'input': {
        const label = (b.label as Json | undefined)?.text as string | undefined;
        out.push(`> **${html(decode(label ?? ''))}**  \n> \`[ ________________ ]\``);
        break;
      }
      case 'table': {
        const rows = (b.rows as Json[][]).map((r) =>
          r.map(cellText).map((c) => html(c).replace(/\|/g, '\\|')),
        );
        const lines = [`| ${rows[0]!.join(' | ')} |`, `|${rows[0]!.map(() => '---').join('|')}|`];
        for (const r of rows.slice(1)) lines.push(`| ${r.join(' | ')} |`);
        out.push(lines.map((l) => `> ${l}`).join('\n'));
        break;
      }
    }
  }
  return out.join('\n>\n');
}

/** A message or Home as its blocks; a modal framed by its title and its buttons. */
function slackView(example: Example): string {
  const blocks = slackMarkdown(example.slack.blocks);
  const { type, title, close, submit } = example.slack;
  if (type !== 'modal') return blocks;
  const buttons = [close, submit].filter((b) => b !== undefined).map((b) => `\`[ ${decode(b.text)} ]\``);
  return `> **${html(decode(title?.text ?? ''))}**\n>\n${blocks}\n>\n> ${buttons.join(' ')}`;
}

const DISCORD_NAMES: Record<string, string> = { '400000000000000001': 'ada', '400000000000000002': 'grace' };

function discordInline(text: string): string {
  const iso = (unix: string) => new Date(Number(unix) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const rel = (unix: string) => {
    const minutes = Math.round((Number(unix) * 1000 - EXAMPLE_NOW.getTime()) / 60_000);
    return minutes >= 0 ? `in ${minutes} minutes` : `${-minutes} minutes ago`;
  };
  return text
    .replace(/<t:(\d+):f>/g, (_m, u: string) => iso(u))
    .replace(/<t:(\d+):R>/g, (_m, u: string) => rel(u))
    .replace(/<@(\d+)>/g, (_m, id: string) => `@${DISCORD_NAMES[id] ?? id}`);
}

/** The Discord embed as a Markdown quote (Discord's markdown is close to GitHub's). */
export function discordMarkdown(example: Example): string {
  const body = example.discord!;
  const e = body.embeds[0]!;
  const out = [`> **${e.title ?? ''}**`];
  if (e.description) out.push(quote(discordInline(e.description)));
  for (const f of e.fields ?? []) out.push(quote(`**${f.name}**\n${discordInline(f.value)}`));
  if (e.footer) out.push(`> _${e.footer.text}_`);
  const buttons = body.components.flatMap((r) => r.components.map((c) => `\`[ ${c.label ?? ''} ]\``));
  if (buttons.length) out.push(`> ${buttons.join(' ')}`);
  return out.join('\n>\n');
}

export function buildScreens(): string {
  let page = `# What people see

Every kind of answer, drawn by RoomOps' own renderers from fixed example data
(\`scripts/screens/examples.ts\`; this page is rebuilt by
\`npx tsc -p tsconfig.json && node dist/scripts/build-screens.js\`, and a test
keeps it current). Times are shown for ${EXAMPLE_NOW.toISOString().replace('.000Z', 'Z')}: Slack and Discord
show each reader their own time zone (below, the ISO fallback stands in), the
terminal shows ISO 8601 UTC. Open a **Block Kit Builder** link to see the
Slack message exactly as Slack draws it.

`;
  for (const example of examples()) {
    page += `## ${example.title}\n\n[Open in Block Kit Builder](${builderLink(example)})\n\nSlack:\n\n${slackView(example)}\n\n`;
    if (example.discord) page += `Discord:\n\n${discordMarkdown(example)}\n\n`;
    if (example.text) page += `Terminal:\n\n\`\`\`text\n${example.text}\n\`\`\`\n\n`;
  }
  return `${page.replace(/\n+$/, '')}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
const repo = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(repo, 'docs', 'screens.md'), buildScreens());
}
