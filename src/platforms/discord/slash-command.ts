/**
 * `/room <subcommand>` (DESIGN.md "Discord delivery"): a parse, validation
 * or access error is an immediate ephemeral reply; otherwise defer at once
 * with the visibility the engine foresees, run, and edit the deferred reply.
 * A public reply whose outcome turns out private (a vendor failure) is
 * removed and the error goes to the caller alone. An answer that made a job
 * becomes the job's message, with its buttons.
 */
import type { InvocationRequest } from '../../core/engine-api.js';
import { toView } from '../../render/to-view.js';
import type { HandlerContext } from './context.js';
import { type DiscordInteraction, EPHEMERAL, NO_MENTIONS, type Responder } from './interaction.js';
import { messageFor } from './message.js';
import { jobIdOf } from '../job-messages.js';
import { showJobAnswer } from './job-messages.js';

const GUILD_ONLY = '/room works in servers only, not in direct messages.';

type Command = Extract<DiscordInteraction, { kind: 'command' }>;

export async function handleSlashCommand(
  interaction: Command,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  // guildId, not inGuild(): a server interaction without its member is an
  // access question (the core answers access_unavailable), not a DM.
  if (!interaction.guildId) {
    await respond.initial({
      type: 4,
      data: { content: GUILD_ONLY, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS },
    });
    return;
  }
  const { principal } = interaction;
  const request: InvocationRequest = { principal, place: interaction.place, typed: interaction.typed };
  const preview = await ctx.engine.preview(request);
  if (preview.type === 'error') {
    const body = await messageFor(toView(preview), ctx.pages, principal.id);
    await respond.initial({ type: 4, data: { ...body, flags: EPHEMERAL } });
    return;
  }
  const ephemeral = preview.visibility === 'private';
  await respond.initial({ type: 5, data: ephemeral ? { flags: EPHEMERAL } : {} });
  const outcome = await ctx.engine.handle(request);
  const body = await messageFor(toView(outcome), ctx.pages, principal.id);
  if (!ephemeral && outcome.visibility === 'private') {
    await respond.deleteOriginal();
    await respond.followUp({ ...body, flags: EPHEMERAL });
    return;
  }
  const jobId = jobIdOf(outcome);
  if (jobId) {
    // Made at once (a read, a change scheduled for later): this answer is the job's message.
    await showJobAnswer(respond, ctx, body, jobId, {
      applicationId: interaction.applicationId,
      token: interaction.token,
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    });
    return;
  }
  const message = await respond.editOriginal(body);
  if (outcome.type === 'confirm') {
    await ctx.engine.attachPrompt(outcome.pending.id, {
      platform: 'discord',
      applicationId: interaction.applicationId,
      token: interaction.token,
      ...(message ? { messageId: message.id } : {}),
      ...((message?.channelId ?? interaction.channelId)
        ? { channelId: message?.channelId ?? interaction.channelId }
        : {}),
    });
  }
}
