/**
 * Block Kit's limits (PLATFORMS.md "Platform limits": Slack's block reference
 * and Chat SDK's adapter-slack/src/blocks/limits.ts). Exceeding one makes
 * Slack refuse the whole message (`invalid_blocks`); the total-text ceiling
 * (`msg_blocks_too_long`, seen around 13,200 characters in bolt-js#2509) is
 * undocumented, so we stay well under it.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Our own ceiling for all text in one message's blocks. */
  totalText: 11_000,
  /** The plain `text` fallback (notifications, screen readers). */
  fallbackText: 3000,
} as const;

/**
 * The `table` block (docs.slack.dev reference/block-kit/blocks/table-block):
 * ≤ 100 rows, ≤ 20 cells per row, cells `raw_text` or `rich_text`; one
 * table per message and ≤ 10,000 characters across the cells are reported,
 * not documented (PLATFORMS.md "Second stage facts" 5), so we keep both.
 */
export const TABLE_LIMITS = { rows: 100, cells: 20, chars: 10_000, perMessage: 1 } as const;

/** Our cap for one table cell, so one long value cannot take the whole table. */
export const TABLE_CELL_MAX = 200;

/** Rows of a table shown per page: a page is one table (header + 20 ≤ 100 rows), and stays readable. */
export const TABLE_ROWS_PER_PAGE = 20;

/** Cut `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
