/**
 * Discord's message limits (PLATFORMS.md "Platform limits"; Discord docs,
 * resources/message "Embed Limits", components/reference). Exceeding any of
 * them makes Discord reject the whole message with 400 / 50035.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Rows of a table shown per page, so a long list stays readable. */
export const TABLE_ROWS_PER_PAGE = 20;

/** Cut `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
