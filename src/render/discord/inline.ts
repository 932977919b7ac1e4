/**
 * Times and people in Discord (DESIGN.md "Presentation"; Discord docs,
 * reference "Message Formatting"): a time as `<t:UNIX:f>`, shown in each
 * reader's time zone and locale, plus `<t:UNIX:R>`, a live countdown, where
 * the moment is a deadline (a prompt's expiry, a job's run time); a Discord
 * user as `<@id>`, which shows the current name. Messages still go out with
 * no allowed mentions, so nobody is pinged. Anything else is escaped text.
 */
import { isTime, piecesOf, type ViewInline, type ViewRich } from '../../view/view.js';
import { escapeText } from './escape.js';

/** Discord user ids are snowflakes: 17 to 20 digits. */
const DISCORD_USER = /^discord:(\d{17,20})$/;

export const discordUserId = (principal: string): string | undefined => DISCORD_USER.exec(principal)?.[1];

function token(piece: Exclude<ViewInline, string>): string {
  if (isTime(piece)) {
    const unix = Math.floor(piece.time.getTime() / 1000);
    return piece.countdown ? `<t:${unix}:f> (<t:${unix}:R>)` : `<t:${unix}:f>`;
  }
  const user = discordUserId(piece.person);
  return user ? `<@${user}>` : escapeText(piece.name ?? piece.person);
}

/** True when the value carries a time or a mention, which a code block would show raw. */
export const hasMarkup = (value: ViewRich): boolean =>
  piecesOf(value).some((p) => typeof p !== 'string' && (isTime(p) || discordUserId(p.person) !== undefined));

/** A value as Discord markdown, at most `max` characters; markup is kept whole or left out. */
export function markdown(value: ViewRich, max: number): string {
  let out = '';
  for (const piece of piecesOf(value)) {
    const left = max - out.length;
    if (left <= 0) break;
    const text = typeof piece === 'string' ? escapeText(piece) : token(piece);
    if (text.length > left) {
      out += typeof piece === 'string' && left > 1 ? `${text.slice(0, left - 1).replace(/\\$/, '')}…` : '';
      break;
    }
    out += text;
  }
  return out;
}
