/** Tables in Discord code blocks: cells escaped for the block and capped at 32 characters. */
import { type TableLines, tableLines as lines } from '../table-lines.js';
import type { ViewTable } from '../view.js';
import { escapeCode } from './escape.js';
import { truncate } from './limits.js';

const MAX_CELL = 32;

export type { TableLines };

export const tableLines = (table: ViewTable): TableLines =>
  lines(table, (cell) => truncate(escapeCode(cell), MAX_CELL));
