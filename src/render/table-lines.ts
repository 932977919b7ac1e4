/**
 * A table as monospaced lines for a code block (Slack's fallback, Discord):
 * columns padded to their widest cell, one long value cut so it cannot push
 * the rest off screen. Widths are measured on the text as the reader sees it
 * (code points, before any escaping: Slack shows `&lt;` as one `<`), so the
 * caller escapes whole lines afterwards and the columns stay in line.
 */
import { plainText, type ViewTable } from '../view/view.js';

export interface TableLines {
  header: string[];
  rows: string[];
}

/** Code points, so an accented letter or an emoji counts once. */
export const displayWidth = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function cut(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

export function tableLines(table: ViewTable, maxCell: number): TableLines {
  const tidy = (cell: string) => cut(cell.replace(/\s+/g, ' ').trim(), maxCell);
  const columns = table.columns.map(tidy);
  const rows = table.rows.map((row) => columns.map((_, i) => tidy(plainText(row[i] ?? ''))));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c)))
      .join('  ')
      .trimEnd();
  return {
    header: [line(columns), widths.map((w) => '-'.repeat(w)).join('  ')],
    rows: rows.map(line),
  };
}
