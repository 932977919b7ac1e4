/**
 * The HTTP transport's Responder: the initial response is the body of the
 * HTTP reply to Discord's POST (Discord docs, receiving-and-responding:
 * "respond … with a 200 and the interaction response"), later answers go
 * through the interaction webhook. Discord invalidates the token if nothing
 * comes back within 3 seconds, so a guard answers for a handler that is
 * still working at 2.5 s (deferred, privately) and later calls become edits.
 */
import {
  EPHEMERAL,
  type DiscordInteraction,
  type InitialResponse,
  type MessageBody,
  type Responder,
} from '../interaction.js';
import type { WebhookClient } from './webhook-client.js';

export const GUARD_MS = 2_500;

export interface HttpAnswer {
  /** Writes the HTTP reply; resolves once it is handed to the socket. */
  (status: number, body?: unknown): Promise<void>;
}

export function httpResponder(
  interaction: DiscordInteraction,
  answer: HttpAnswer,
  webhooks: WebhookClient,
  onGuard: () => void,
): Responder & { dispose(): void } {
  let guarded: InitialResponse | undefined;
  let written = false;
  const write = async (status: number, body?: unknown) => {
    written = true;
    clearTimeout(timer);
    await answer(status, body);
  };
  const timer = setTimeout(() => {
    if (written) return;
    guarded = guardResponse(interaction);
    onGuard();
    void write(200, guarded);
  }, GUARD_MS);
  timer.unref();

  const { applicationId: app, token } = interaction;
  const editOriginal = async (body: MessageBody) => {
    const message = (await webhooks.editOriginal(app, token, withoutFlags(body))) as
      { id?: unknown; channel_id?: unknown } | undefined;
    // Kept for editing the prompt with the bot token later, so only well-formed ids are kept.
    if (!isSnowflake(message?.id)) return undefined;
    return { id: message.id, ...(isSnowflake(message.channel_id) ? { channelId: message.channel_id } : {}) };
  };
  return {
    async initial(response: InitialResponse) {
      if (!guarded) return write(200, response);
      // The guard already answered: carry on as the edit it now has to be. After a 6 the
      // original is the clicked message, so a new message (4) is a follow-up instead.
      if (response.type === 4 && guarded.type === 6) await webhooks.followUp(app, token, response.data);
      else if (response.type === 4 || response.type === 7) await editOriginal(response.data);
      if (response.type === 9)
        throw new Error('a modal must be the first answer, and the 2.5 s guard already deferred');
    },
    editOriginal,
    async deleteOriginal() {
      await webhooks.deleteOriginal(app, token);
    },
    async followUp(body) {
      await webhooks.followUp(app, token, body);
    },
    ignore() {
      void write(200);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}

function guardResponse(interaction: DiscordInteraction): InitialResponse {
  if (interaction.kind === 'autocomplete') return { type: 8, data: { choices: [] } };
  if (interaction.kind === 'button' || interaction.kind === 'modal') return { type: 6 };
  return { type: 5, data: { flags: EPHEMERAL } };
}

/** Flags cannot change on an edit (EPHEMERAL is fixed at the defer). */
function withoutFlags(body: MessageBody): MessageBody {
  const { flags: _flags, ...rest } = body;
  return rest;
}

function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,20}$/.test(value);
}
