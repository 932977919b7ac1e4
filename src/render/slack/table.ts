/**
 * The monospace fallback for a Slack table: cells capped at 32 characters.
 * Lines come back as displayed (unescaped); the caller escapes whole lines
 * for the code block, after padding, so `<` and `&` keep their columns.
 */
import { type TableLines, tableLines as lines } from '../table-lines.js';
import type { ViewTable } from '../../view/view.js';

const MAX_CELL = 32;

export type { TableLines };

export const tableLines = (table: ViewTable): TableLines => lines(table, MAX_CELL);
