/**
 * A submitted type-to-confirm modal (`bulk_confirm:<pendingId>`, its text
 * input `typed`), decided like a confirm click with what was typed (the
 * engine authorizes it as a click). Discord has closed the modal and a modal
 * cannot answer a submit (PLATFORMS.md item 11), so a mistyped name gets an
 * ephemeral reply (type 4, flags 64): nothing runs and the prompt keeps its
 * buttons for another try. Otherwise the prompt the modal was opened from is
 * updated as after a click (type 6, then edits).
 */
import { typedMatches } from '../../core/jobs/type-to-confirm.js';
import { MODAL_PREFIX, TYPED_INPUT } from '../../render/discord/index.js';
import { decisionView } from '../../render/to-view.js';
import { PENDING_ID } from '../../store/pending-actions.js';
import type { HandlerContext } from './context.js';
import { showDecision } from './decision.js';
import { type DiscordInteraction, EPHEMERAL, NO_MENTIONS, type Responder } from './interaction.js';
import { messageFor } from './message.js';

type Modal = Extract<DiscordInteraction, { kind: 'modal' }>;

const NOT_OURS = 'This form is not a RoomOps confirmation (or no longer valid); nothing was done.';

export async function handleModalSubmit(
  interaction: Modal,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  const { customId, principal } = interaction;
  const pendingId = customId.startsWith(MODAL_PREFIX) ? customId.slice(MODAL_PREFIX.length) : '';
  if (!PENDING_ID.test(pendingId)) {
    await respond.initial({
      type: 4,
      data: { content: NOT_OURS, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS },
    });
    return;
  }
  const typed = interaction.fields[TYPED_INPUT];
  const request = {
    pendingId,
    decision: 'approved' as const,
    principal,
    place: interaction.place,
    ...(typed !== undefined ? { typed } : {}),
  };
  const typing = await ctx.engine.typeToConfirm(request);
  if (typing && !typedMatches(typed, typing.expected)) {
    // A mistyped name changes nothing (the engine only records it): quick enough to be the reply itself.
    const outcome = await ctx.engine.decide(request);
    if (outcome.type === 'mistyped') {
      const body = await messageFor(decisionView(outcome), ctx.pages, principal.id);
      await respond.initial({ type: 4, data: { ...body, flags: EPHEMERAL } });
      return;
    }
    await respond.initial({ type: 6 });
    await showDecision(interaction, respond, ctx, outcome);
    return;
  }
  await respond.initial({ type: 6 });
  await showDecision(interaction, respond, ctx, await ctx.engine.decide(request));
}
