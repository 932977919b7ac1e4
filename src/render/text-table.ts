/**
 * A boxed text table for the shell and `roomops run`. Written here rather than
 * taken from a table package: the ones tried cost over a millisecond for a
 * 20-row list, several times the whole command core's budget (docs/bench.md).
 */
import { displayWidth as width } from './table-lines.js';

const MAX_CELL = 80;

export function textTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  bold?: (s: string) => string,
): string {
  const cells = rows.map((row) => columns.map((_, i) => clean(row[i] ?? '')));
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]!))));
  const line = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const row = (values: readonly string[], style = (s: string) => s) =>
    `│${values.map((v, i) => ` ${style(v)}${' '.repeat(widths[i]! - width(v))} `).join('│')}│`;
  return [
    line('┌', '┬', '┐'),
    row(columns, bold),
    line('├', '┼', '┤'),
    ...cells.map((r) => row(r)),
    line('└', '┴', '┘'),
  ].join('\n');
}

/** One line per cell, at most MAX_CELL characters. */
function clean(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return width(flat) > MAX_CELL ? `${[...flat].slice(0, MAX_CELL - 1).join('')}…` : flat;
}
