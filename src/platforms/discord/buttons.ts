/**
 * Button clicks. Confirm / cancel (`room_confirm:<id>`, `room_cancel:<id>`)
 * are acknowledged at once (type 6) and decided by the engine: a refusal goes
 * to the clicker alone and leaves the prompt as it is; a decision (or a late
 * click on an expired prompt) rewrites the prompt without its buttons; a
 * click on an already decided prompt is told privately who decided.
 * Pager clicks (`room_page:<key>:<n>`) flip a stored list in place (type 7),
 * for the person who asked for it only.
 */
import { CANCEL_PREFIX, CONFIRM_PREFIX, PAGE_PREFIX, pageRow } from '../../render/discord/index.js';
import type { APIEmbed } from 'discord.js';
import { decisionView } from '../../render/to-view.js';
import { parsePageRef } from '../page-state.js';
import type { HandlerContext } from './context.js';
import { type DiscordInteraction, EPHEMERAL, NO_MENTIONS, type Responder } from './interaction.js';
import { messageFor } from './message.js';

type Button = Extract<DiscordInteraction, { kind: 'button' }>;

export async function handleButton(
  interaction: Button,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  const id = interaction.customId;
  if (id.startsWith(PAGE_PREFIX)) return flipPage(interaction, respond, ctx, id.slice(PAGE_PREFIX.length));
  const decision = id.startsWith(CONFIRM_PREFIX)
    ? 'approved'
    : id.startsWith(CANCEL_PREFIX)
      ? 'cancelled'
      : undefined;
  if (!decision) {
    // Not one of ours (an old message's button): acknowledge without change.
    await respond.initial({ type: 6 });
    return;
  }
  const pendingId = id.slice(decision === 'approved' ? CONFIRM_PREFIX.length : CANCEL_PREFIX.length);
  await respond.initial({ type: 6 });
  const { principal } = interaction;
  const outcome = await ctx.engine.decide({ pendingId, decision, principal, place: interaction.place });
  const body = await messageFor(decisionView(outcome), ctx.pages, principal.id);
  if (outcome.type === 'refused' || outcome.type === 'unknown' || outcome.type === 'failed') {
    await respond.followUp({ ...body, flags: EPHEMERAL });
    return;
  }
  if (outcome.type === 'stale' && outcome.reason === 'already_decided') {
    // The winning click writes the outcome into the prompt; a late or
    // simultaneous click must not overwrite it. It only makes sure the
    // buttons are gone and tells this clicker who decided what, and when.
    await respond.editOriginal({ components: [], allowed_mentions: NO_MENTIONS });
    await respond.followUp({ ...body, flags: EPHEMERAL });
    return;
  }
  await respond.editOriginal(body);
}

async function flipPage(
  interaction: Button,
  respond: Responder,
  ctx: HandlerContext,
  ref: string,
): Promise<void> {
  const { key, index } = parsePageRef(ref);
  const flip = await ctx.pages.flip<APIEmbed>(key, index, interaction.principal.id);
  if (!flip.ok) {
    await respond.initial({
      type: 4,
      data: { content: flip.message, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS },
    });
    return;
  }
  await respond.initial({
    type: 7,
    data: {
      embeds: [flip.page],
      components: [pageRow(key, index, flip.total)],
      allowed_mentions: NO_MENTIONS,
    },
  });
}
