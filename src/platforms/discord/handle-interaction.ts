/**
 * The adapter core both transports call: ignore a replayed interaction,
 * route the rest to its handler, and when a handler fails, log it and tell
 * the person privately in whatever way is still open.
 */
import { newErrorId } from '../../core/error-id.js';
import type { Logger } from '../../core/logger.js';
import { handleAutocomplete } from './autocomplete.js';
import { handleButton } from './buttons.js';
import type { HandlerContext } from './context.js';
import {
  type DiscordInteraction,
  EPHEMERAL,
  type InitialResponse,
  NO_MENTIONS,
  type Responder,
} from './interaction.js';
import { errorFields } from './log-error.js';
import { handleModalSubmit } from './modal-submit.js';
import type { ReplayGuard } from './replay-guard.js';
import { handleSlashCommand } from './slash-command.js';

export interface CoreContext extends HandlerContext {
  replays: ReplayGuard;
}

export const STOPPING = 'RoomOps is restarting; try again in a moment.';
const failed = (errorId: string) =>
  `Something went wrong while handling this; nothing more was done (error id ${errorId}). The operators can find details in the RoomOps log.`;

/** Remembers which initial response went out, so a failure is reported the right way. */
class Tracked implements Responder {
  sent?: InitialResponse;
  constructor(private readonly inner: Responder) {}
  async initial(response: InitialResponse): Promise<void> {
    if (this.sent) throw new Error(`interaction already answered (type ${this.sent.type})`);
    this.sent = response;
    await this.inner.initial(response);
  }
  editOriginal: Responder['editOriginal'] = (body) => this.inner.editOriginal(body);
  deleteOriginal: Responder['deleteOriginal'] = () => this.inner.deleteOriginal();
  followUp: Responder['followUp'] = (body) => this.inner.followUp(body);
  ignore: Responder['ignore'] = () => this.inner.ignore();
}

export async function handleInteraction(
  interaction: DiscordInteraction,
  transport: Responder,
  ctx: CoreContext,
): Promise<void> {
  const respond = new Tracked(transport);
  try {
    if (!(await ctx.replays.firstDelivery(interaction.id))) {
      ctx.logger.info({ interaction: interaction.id }, 'discord: replayed interaction ignored');
      respond.ignore();
      return;
    }
    if (interaction.kind === 'command') await handleSlashCommand(interaction, respond, ctx);
    else if (interaction.kind === 'autocomplete') await handleAutocomplete(interaction, respond, ctx);
    else if (interaction.kind === 'modal') await handleModalSubmit(interaction, respond, ctx);
    else await handleButton(interaction, respond, ctx);
  } catch (error) {
    await answerFailure(interaction, respond, error, ctx.logger);
  }
}

async function answerFailure(
  interaction: DiscordInteraction,
  respond: Tracked,
  error: unknown,
  log: Logger,
): Promise<void> {
  const errorId = newErrorId();
  log.error(
    { ...errorFields(error), errorId, interaction: interaction.id, kind: interaction.kind },
    'discord: interaction failed',
  );
  const body = { content: failed(errorId), flags: EPHEMERAL, allowed_mentions: NO_MENTIONS };
  try {
    if (interaction.kind === 'autocomplete') {
      if (!respond.sent) await respond.initial({ type: 8, data: { choices: [] } });
      return;
    }
    if (!respond.sent) {
      await respond.initial({ type: 4, data: body });
      return;
    }
    // A public "thinking…" placeholder would stay forever: withdraw it first.
    const sent = respond.sent;
    if (sent.type === 5 && !((sent.data.flags ?? 0) & EPHEMERAL)) {
      await respond.deleteOriginal().catch(() => undefined);
    }
    await respond.followUp(body);
  } catch (second) {
    log.warn(
      { ...errorFields(second), interaction: interaction.id },
      'discord: could not report the failure',
    );
  }
}
