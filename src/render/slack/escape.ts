/**
 * User and vendor text is untrusted (DESIGN.md "Rules every part keeps").
 * Slack reads `<…>` as links and mentions (`<!channel>`, `<@U…>`) and `&` as
 * the start of an entity, so those three are escaped in every text we send
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping).
 */
import { truncate } from './limits.js';

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped and at most `max` characters long, cut before escaping so no entity is split. */
export function fitEscaped(text: string, max: number): string {
  let keep = Math.min(text.length, max);
  for (;;) {
    const escaped = escapeSlack(truncate(text, keep));
    if (escaped.length <= max || keep <= 1) return escaped.length <= max ? escaped : '…';
    keep -= Math.max(1, escaped.length - max);
  }
}

/** Text inside a ``` code block: escaped, and no backtick fence can be closed early. */
export function escapeCode(text: string): string {
  return escapeSlack(text.replace(/`/g, 'ˋ'));
}
