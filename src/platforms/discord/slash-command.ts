/**
 * `/room <subcommand>` (DESIGN.md "Discord delivery"): a parse, validation
 * or access error is an immediate ephemeral reply; otherwise defer at once
 * with the visibility the engine foresees, run, and edit the deferred reply.
 * A public reply whose outcome turns out private (a vendor failure) is
 * removed and the error goes to the caller alone.
 */
import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { InvocationRequest } from '../../core/engine-api.js';
import type { Outcome } from '../../core/outcome.js';
import { toView } from '../../render/to-view.js';
import type { HandlerContext } from './context.js';
import { placeOf, principalOf } from './identity.js';
import { messageFor, NO_MENTIONS } from './message.js';
import { typedInvocation } from './typed-options.js';

const GUILD_ONLY = '/room works in servers only, not in direct messages.';

export async function handleSlashCommand(
  interaction: ChatInputCommandInteraction,
  ctx: HandlerContext,
): Promise<void> {
  // guildId, not inGuild(): a server interaction without its member is an
  // access question (the core answers access_unavailable), not a DM.
  if (!interaction.guildId) {
    await interaction.reply({
      content: GUILD_ONLY,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const principal = principalOf(interaction);
  const request: InvocationRequest = {
    principal,
    place: placeOf(interaction),
    typed: typedInvocation(interaction),
  };
  const preview = await ctx.engine.preview(request);
  if (preview.type === 'error') {
    await interaction.reply({
      ...messageFor(toView(preview), ctx.pages, principal.id),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const ephemeral = preview.visibility === 'private';
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const outcome = await ctx.engine.handle(request);
  await deliver(interaction, ctx, outcome, ephemeral, principal.id);
}

async function deliver(
  interaction: ChatInputCommandInteraction,
  ctx: HandlerContext,
  outcome: Outcome,
  ephemeral: boolean,
  owner: string,
): Promise<void> {
  const body = messageFor(toView(outcome), ctx.pages, owner);
  if (!ephemeral && outcome.visibility === 'private') {
    await interaction.deleteReply();
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  const message = await interaction.editReply(body);
  if (outcome.type === 'confirm') {
    await ctx.engine.attachPrompt(outcome.pending.id, {
      platform: 'discord',
      applicationId: interaction.applicationId,
      token: interaction.token,
      messageId: message.id,
      channelId: interaction.channelId,
    });
  }
}
