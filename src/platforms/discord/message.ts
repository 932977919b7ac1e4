/**
 * A View as a Discord message body: the embed of one page, the confirmation
 * buttons when the view asks for them, a pager when the view has several
 * pages (kept in the store for the person who asked), and never any mention
 * (DESIGN.md "Rules every part keeps").
 */
import { type ButtonRow, confirmRow, pageRow, renderPages } from '../../render/discord/index.js';
import type { View } from '../../view/view.js';
import type { PageState } from '../page-state.js';
import { type MessageBody, NO_MENTIONS } from './interaction.js';

export { NO_MENTIONS } from './interaction.js';

export async function messageFor(view: View, pages: PageState, owner: string): Promise<MessageBody> {
  const embeds = renderPages(view);
  const components: ButtonRow[] = [];
  if (view.confirm) components.push(confirmRow(view.confirm));
  if (embeds.length > 1) {
    const { key, total } = await pages.put(embeds, owner);
    if (total > 1) components.push(pageRow(key, 0, total));
  }
  return { embeds: embeds.slice(0, 1), components, allowed_mentions: NO_MENTIONS };
}

/** Raw REST body for edits made outside an interaction. */
export function restBodyFor(view: View): MessageBody {
  return { embeds: renderPages(view).slice(0, 1), components: [], allowed_mentions: NO_MENTIONS };
}
