/**
 * A job's buttons on Discord (`job_cancel:<id>`, `job_undo:<id>`,
 * `job_retry:<id>`): acknowledged at once (type 6) and done by the engine.
 * A refusal goes to the clicker alone and leaves the message as it is;
 * otherwise the message says what happened, and a retry's new job takes
 * this message over (its progress and end replace it, with Cancel meanwhile).
 */
import type { JobControl } from '../../core/jobs/job-controls.js';
import { renderNotice } from '../../render/discord/index.js';
import type { HandlerContext } from './context.js';
import {
  type DiscordInteraction,
  EPHEMERAL,
  type MessageBody,
  NO_MENTIONS,
  type Responder,
} from './interaction.js';
import { showJobAnswer } from './job-messages.js';

type Button = Extract<DiscordInteraction, { kind: 'button' }>;

export async function handleJobButton(
  interaction: Button,
  control: JobControl,
  jobId: string,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  await respond.initial({ type: 6 });
  const outcome = await ctx.engine.controlJob({
    jobId,
    control,
    principal: interaction.principal,
    place: interaction.place,
  });
  if (outcome.type === 'refused') {
    await respond.followUp({
      embeds: [renderNotice(outcome.text, 'error')],
      flags: EPHEMERAL,
      allowed_mentions: NO_MENTIONS,
    });
    return;
  }
  const body: MessageBody = {
    embeds: [renderNotice(outcome.text, outcome.retry ? 'pending' : 'info')],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
  if (!outcome.retry) {
    await respond.editOriginal(body);
    return;
  }
  await showJobAnswer(respond, ctx, body, outcome.retry.id, {
    applicationId: interaction.applicationId,
    token: interaction.token,
    ...(interaction.messageId ? { messageId: interaction.messageId } : {}),
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
  });
}
