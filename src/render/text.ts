/**
 * View → plain text for the shell and `roomops run`: a header, facts, a
 * boxed table, code as is. Times are ISO 8601 UTC and people their name
 * (or principal id): a terminal has no local-time or mention markup.
 * Colour only on a terminal and only when NO_COLOR is not set
 * (https://no-color.org).
 */
import { terminalSafe } from './terminal-safe.js';
import { textTable } from './text-table.js';
import { plainText, type Tone, type View } from '../view/view.js';

const COLOURS: Record<Tone, string> = { ok: '32', error: '31', warning: '33', info: '36', pending: '35' };
const MARKS: Record<Tone, string> = { ok: '✔', error: '✖', warning: '!', info: '•', pending: '?' };

export function useColour(
  stream: NodeJS.WriteStream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return stream.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '');
}

/** Every string of the view is untrusted: control characters are replaced before colour is added. */
export function renderText(view: View, options: { colour?: boolean } = {}): string {
  const paint = (code: string, s: string) => (options.colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const safe = terminalSafe;
  const out: string[] = [paint(COLOURS[view.tone], `${MARKS[view.tone]} ${safe(view.title)}`)];
  if (view.text) out.push(safe(view.text));
  if (view.facts.length) {
    const width = Math.max(...view.facts.map((f) => safe(f.label).length));
    for (const f of view.facts)
      out.push(`  ${paint('1', safe(f.label).padEnd(width))}  ${safe(plainText(f.value))}`);
  }
  if (view.table) {
    if (view.table.rows.length === 0) out.push('  (none)');
    else
      out.push(
        textTable(
          view.table.columns.map(safe),
          view.table.rows.map((row) => row.map((cell) => safe(plainText(cell)))),
          options.colour ? (h) => paint('1', h) : undefined,
        ),
      );
  }
  if (view.code) out.push(safe(view.code));
  for (const note of view.notes) out.push(paint('2', safe(note)));
  return out.join('\n');
}
