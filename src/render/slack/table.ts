/**
 * Tables in Slack code blocks: cells capped at 32 characters. Lines come back
 * unescaped; the caller escapes them for the code block.
 */
import { type TableLines, tableLines as lines } from '../table-lines.js';
import type { ViewTable } from '../view.js';
import { truncate } from './limits.js';

const MAX_CELL = 32;

export type { TableLines };

export const tableLines = (table: ViewTable): TableLines => lines(table, (cell) => truncate(cell, MAX_CELL));
