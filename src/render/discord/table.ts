/** Tables in Discord code blocks: cells capped at 32 characters, lines escaped for the block after padding. */
import { type TableLines, tableLines as lines } from '../table-lines.js';
import type { ViewTable } from '../../view/view.js';
import { escapeCode } from './escape.js';

const MAX_CELL = 32;

export type { TableLines };

export const tableLines = (table: ViewTable): TableLines => {
  const { header, rows } = lines(table, MAX_CELL);
  return { header: header.map(escapeCode), rows: rows.map(escapeCode) };
};
