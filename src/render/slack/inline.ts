/**
 * Times and people in Slack (DESIGN.md "Presentation"): a time as
 * `<!date^UNIX^{date_short_pretty} {time}|ISO>`, which each reader sees in
 * their own time zone (the ISO 8601 UTC fallback shows where Slack cannot
 * render it); a Slack user as `<@U…>`, so Slack shows their current name.
 * Everything else, and any id that does not look like a Slack user id, is
 * escaped text. In a table cell the same become rich_text `date` and `user`
 * elements (docs.slack.dev block-elements/date-element).
 */
import { isoUtc, isTime, piecesOf, type ViewInline, type ViewRich } from '../../view/view.js';
import { escapeSlack, fitEscaped } from './escape.js';

export const DATE_FORMAT = '{date_short_pretty} {time}';

/** Slack user ids: `U…` or `W…` (Enterprise Grid), upper-case letters and digits. */
const SLACK_USER = /^slack:([UW][A-Z0-9]{2,30})$/;

export const slackUserId = (principal: string): string | undefined => SLACK_USER.exec(principal)?.[1];

const unix = (time: Date) => Math.floor(time.getTime() / 1000);

function token(piece: Exclude<ViewInline, string>): string {
  if (isTime(piece)) return `<!date^${unix(piece.time)}^${DATE_FORMAT}|${isoUtc(piece.time)}>`;
  const user = slackUserId(piece.person);
  return user ? `<@${user}>` : escapeSlack(piece.name ?? piece.person);
}

/** A value as mrkdwn, at most `max` characters; markup is kept whole or left out, never cut. */
export function mrkdwn(value: ViewRich, max: number): string {
  let out = '';
  for (const piece of piecesOf(value)) {
    const left = max - out.length;
    if (left <= 0) break;
    const text = typeof piece === 'string' ? fitEscaped(piece, left) : token(piece);
    if (text.length > left) {
      out += left >= 1 ? '…' : '';
      break;
    }
    out += text;
  }
  return out;
}

/** Plain, unescaped text of a value for places without markup (raw_text cells, fallbacks). */
export function cellText(value: ViewRich): string {
  return piecesOf(value)
    .map((p) => (typeof p === 'string' ? p : isTime(p) ? isoUtc(p.time) : (p.name ?? p.person)))
    .join('');
}

export type TableCell =
  | { type: 'raw_text'; text: string }
  | { type: 'rich_text'; elements: [{ type: 'rich_text_section'; elements: Record<string, unknown>[] }] };

/** A table cell: raw_text for plain values, rich_text with `date`/`user` elements otherwise. */
export function tableCell(value: ViewRich, maxChars: number): TableCell {
  const pieces = piecesOf(value);
  const rich = pieces.some((p) => typeof p !== 'string' && (isTime(p) || slackUserId(p.person)));
  if (!rich) return { type: 'raw_text', text: clip(cellText(value), maxChars) || '—' };
  const elements = pieces.map((p): Record<string, unknown> => {
    if (typeof p === 'string') return { type: 'text', text: clip(p, maxChars) };
    if (isTime(p))
      return { type: 'date', timestamp: unix(p.time), format: DATE_FORMAT, fallback: isoUtc(p.time) };
    const user = slackUserId(p.person);
    return user
      ? { type: 'user', user_id: user }
      : { type: 'text', text: clip(p.name ?? p.person, maxChars) };
  });
  return {
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: elements.filter((e) => e.text !== '') }],
  };
}

const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const points = [...flat];
  return points.length <= max ? flat : `${points.slice(0, max - 1).join('')}…`;
};

/** Characters a cell adds toward Slack's limit across all cells of a table. */
export function cellChars(cell: TableCell): number {
  if (cell.type === 'raw_text') return cell.text.length;
  return cell.elements[0].elements.reduce(
    (n, e) =>
      n +
      (typeof e.text === 'string' ? e.text.length : typeof e.fallback === 'string' ? e.fallback.length : 12),
    0,
  );
}
