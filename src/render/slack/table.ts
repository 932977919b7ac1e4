/**
 * A table as monospaced lines for a code block: columns padded to their
 * widest cell, capped so one long value does not push the rest off screen.
 * Lines come back unescaped; the caller escapes them for the code block.
 */
import type { ViewTable } from '../view.js';
import { truncate } from './limits.js';

const MAX_CELL = 32;

export interface TableLines {
  header: string[];
  rows: string[];
}

export function tableLines(table: ViewTable): TableLines {
  const clean = (cell: string) => truncate(cell.replace(/\s+/g, ' ').trim(), MAX_CELL);
  const columns = table.columns.map(clean);
  const rows = table.rows.map((row) => columns.map((_, i) => clean(row[i] ?? '')));
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
