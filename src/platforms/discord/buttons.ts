/**
 * Button clicks. Confirm / cancel (`room_confirm:<id>`, `room_cancel:<id>`)
 * are acknowledged at once and decided by the engine: a refusal goes to the
 * clicker alone and leaves the prompt as it is; a decision (or a late click
 * on an expired prompt) rewrites the prompt without its buttons; a click on
 * an already decided prompt is told privately who decided.
 * Pager clicks (`room_page:<key>:<n>`) flip a cached list.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { CANCEL_PREFIX, CONFIRM_PREFIX, PAGE_PREFIX, pageRow } from '../../render/discord/index.js';
import { decisionView } from '../../render/to-view.js';
import type { HandlerContext } from './context.js';
import { placeOf, principalOf } from './identity.js';
import { messageFor, NO_MENTIONS } from './message.js';

export async function handleButton(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const id = interaction.customId;
  if (id.startsWith(PAGE_PREFIX)) return flipPage(interaction, ctx, id.slice(PAGE_PREFIX.length));
  const decision = id.startsWith(CONFIRM_PREFIX)
    ? 'approved'
    : id.startsWith(CANCEL_PREFIX)
      ? 'cancelled'
      : undefined;
  if (!decision) return;
  const pendingId = id.slice(decision === 'approved' ? CONFIRM_PREFIX.length : CANCEL_PREFIX.length);
  await interaction.deferUpdate();
  const principal = principalOf(interaction);
  const outcome = await ctx.engine.decide({ pendingId, decision, principal, place: placeOf(interaction) });
  const body = messageFor(decisionView(outcome), ctx.pages, principal.id);
  if (outcome.type === 'refused' || outcome.type === 'unknown' || outcome.type === 'failed') {
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  if (outcome.type === 'stale' && outcome.reason === 'already_decided') {
    // The winning click writes the outcome into the prompt; a late or
    // simultaneous click must not overwrite it. It only makes sure the
    // buttons are gone and tells this clicker who decided what, and when.
    await interaction.editReply({ components: [], allowedMentions: NO_MENTIONS });
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.editReply(body);
}

async function flipPage(interaction: ButtonInteraction, ctx: HandlerContext, rest: string): Promise<void> {
  const cut = rest.lastIndexOf(':');
  const key = rest.slice(0, cut);
  const index = Number(rest.slice(cut + 1));
  const entry = ctx.pages.get(key);
  const page = entry?.pages[index];
  if (!entry || !page) {
    await interaction.reply({
      content: 'This list is no longer available; run the command again.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.update({
    embeds: [page],
    components: [pageRow(key, index, entry.pages.length)],
    allowedMentions: NO_MENTIONS,
  });
}
