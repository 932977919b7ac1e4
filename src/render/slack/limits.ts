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

/** Rows of a table shown per page, so a long list stays readable. */
export const TABLE_ROWS_PER_PAGE = 20;

/** Cut `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
