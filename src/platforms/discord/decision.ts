/**
 * How a decision on a prompt is shown, once the interaction (a confirm or
 * cancel click, a submitted type-to-confirm modal) has been acknowledged
 * with type 6: a refusal, a mistyped name, an unknown id or a failure goes
 * to the clicker alone and leaves the prompt as it is; a decision (or a late
 * click on an expired prompt) rewrites the prompt without its buttons — a
 * job it started gets the job's buttons; a click on an already decided
 * prompt is told privately who decided.
 */
import { decisionView } from '../../render/to-view.js';
import type { DecisionOutcome } from '../../core/outcome.js';
import { jobIdOf } from '../job-messages.js';
import type { HandlerContext } from './context.js';
import { type DiscordInteraction, EPHEMERAL, NO_MENTIONS, type Responder } from './interaction.js';
import { showJobAnswer } from './job-messages.js';
import { messageFor } from './message.js';

type Decided = Extract<DiscordInteraction, { kind: 'button' | 'modal' }>;

export async function showDecision(
  interaction: Decided,
  respond: Responder,
  ctx: HandlerContext,
  outcome: DecisionOutcome,
): Promise<void> {
  const body = await messageFor(decisionView(outcome), ctx.pages, interaction.principal.id);
  if (
    outcome.type === 'refused' ||
    outcome.type === 'unknown' ||
    outcome.type === 'failed' ||
    outcome.type === 'mistyped'
  ) {
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
  const jobId = outcome.type === 'decided' ? jobIdOf(outcome.outcome) : undefined;
  if (!jobId) {
    await respond.editOriginal(body);
    return;
  }
  // The job's message is the prompt: its progress and end replace it, with Cancel / Undo meanwhile.
  await showJobAnswer(respond, ctx, body, jobId, {
    applicationId: interaction.applicationId,
    token: interaction.token,
    ...(interaction.messageId ? { messageId: interaction.messageId } : {}),
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
  });
}
