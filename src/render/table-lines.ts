/**
 * A table as monospaced lines for a code block (Slack and Discord): columns
 * padded to their widest cell. Each platform passes how a cell is cleaned
 * (its escaping, its truncation), so one long value cannot push the rest off
 * screen and no cell breaks out of the code block.
 */
import type { ViewTable } from './view.js';

export interface TableLines {
  header: string[];
  rows: string[];
}

export function tableLines(table: ViewTable, clean: (cell: string) => string): TableLines {
  const tidy = (cell: string) => clean(cell.replace(/\s+/g, ' ').trim());
  const columns = table.columns.map(tidy);
  const rows = table.rows.map((row) => columns.map((_, i) => tidy(row[i] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return {
    header: [line(columns), widths.map((w) => '-'.repeat(w)).join('  ')],
    rows: rows.map(line),
  };
}
