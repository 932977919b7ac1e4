/**
 * Button clicks. Confirm / cancel (`room_confirm:<id>`, `room_cancel:<id>`)
 * are acknowledged at once (type 6) and decided by the engine, except a
 * confirm that asks for the account name to be typed: that click is
 * answered with the type-to-confirm modal (type 9 must be the first answer)
 * and decided when the modal is submitted (modal-submit.ts).
 * Job buttons (`job_<control>:<id>`) go to job-buttons.ts.
 * Pager clicks (`room_page:<key>:<n>`) flip a stored list in place (type 7),
 * for the person who asked for it only.
 */
import {
  CANCEL_PREFIX,
  CONFIRM_PREFIX,
  JOB_BUTTON,
  PAGE_PREFIX,
  pageRow,
  typeToConfirmModal,
} from '../../render/discord/index.js';
import type { APIEmbed } from 'discord.js';
import type { JobControl } from '../../core/jobs/job-controls.js';
import { parsePageRef } from '../page-state.js';
import type { HandlerContext } from './context.js';
import { showDecision } from './decision.js';
import { type DiscordInteraction, EPHEMERAL, NO_MENTIONS, type Responder } from './interaction.js';
import { handleJobButton } from './job-buttons.js';

type Button = Extract<DiscordInteraction, { kind: 'button' }>;

export async function handleButton(
  interaction: Button,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  const id = interaction.customId;
  if (id.startsWith(PAGE_PREFIX)) return flipPage(interaction, respond, ctx, id.slice(PAGE_PREFIX.length));
  const job = JOB_BUTTON.exec(id);
  if (job) return handleJobButton(interaction, job[1] as JobControl, job[2]!, respond, ctx);
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
  const request = {
    pendingId,
    decision,
    principal: interaction.principal,
    place: interaction.place,
  } as const;
  // Asked before anything is answered: a modal cannot follow a defer (Discord 40060).
  const typing = decision === 'approved' ? await ctx.engine.typeToConfirm(request) : undefined;
  if (typing) {
    await respond.initial({ type: 9, data: typeToConfirmModal(typing) });
    return;
  }
  await respond.initial({ type: 6 });
  await showDecision(interaction, respond, ctx, await ctx.engine.decide(request));
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
