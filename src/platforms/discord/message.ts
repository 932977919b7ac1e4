/**
 * A View as a Discord message body: the embed of one page, the confirmation
 * buttons when the view asks for them, a pager when the view has several
 * pages, and never any mention (DESIGN.md "Rules every part keeps").
 */
import type { APIEmbed } from 'discord.js';
import { type ButtonRow, confirmRow, pageRow, renderPages } from '../../render/discord/index.js';
import type { View } from '../../render/view.js';
import type { PageCache } from './page-cache.js';

export const NO_MENTIONS = { parse: [] as [] };

export interface MessageBody {
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
}

export function messageFor(view: View, pages: PageCache, owner: string): MessageBody {
  const embeds = renderPages(view);
  const components: ButtonRow[] = [];
  if (view.confirm) components.push(confirmRow(view.confirm));
  if (embeds.length > 1) {
    const key = pages.put(embeds, owner);
    components.push(pageRow(key, 0, embeds.length));
  }
  return { embeds: embeds.slice(0, 1), components, allowedMentions: NO_MENTIONS };
}

/** Raw REST body (snake_case) for edits made outside an interaction. */
export function restBodyFor(view: View): Record<string, unknown> {
  return { embeds: renderPages(view).slice(0, 1), components: [], allowed_mentions: { parse: [] } };
}
