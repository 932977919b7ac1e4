/**
 * Rewrites an expired confirmation prompt as an "expired" notice without
 * buttons; a job's message is edited the same way (job-messages.ts). The interaction webhook is valid for 15 minutes (Discord docs,
 * receiving-and-responding "Interaction tokens are valid for 15 minutes");
 * after that, or if it is refused, the bot edits its own channel message —
 * when a bot token is configured (HTTP interactions may run without one).
 */
import { type REST, Routes } from 'discord.js';
import { expiredView } from '../../render/to-view.js';
import type { PendingAction, PromptRef } from '../../store/types.js';
import type { MessageBody } from './interaction.js';
import { restBodyFor } from './message.js';
import { RoomOpsError } from '../../shared/coded-error.js';

/** A little under Discord's 15 minutes, so an edit is not sent with a token about to lapse. */
export const WEBHOOK_TOKEN_LIFETIME_MS = 14 * 60_000;

export interface PromptEditor {
  /** Through the interaction webhook (no Authorization header). */
  editOriginal(applicationId: string, token: string, body: MessageBody): Promise<void>;
  /** With the bot token; absent when none is configured. */
  editChannelMessage?: (channelId: string, messageId: string, body: MessageBody) => Promise<void>;
}

/** Neither the interaction token nor a bot token could reach the prompt (logged by the adapter). */
export class PromptNotDelivered extends RoomOpsError {
  override readonly name: string = 'PromptNotDelivered';
  constructor(message: string) {
    super('internal', message);
  }
}

export function restEditor(interactions: REST, bot: REST): PromptEditor {
  return {
    async editOriginal(applicationId, token, body) {
      await interactions.patch(Routes.webhookMessage(applicationId, token, '@original'), {
        body,
        auth: false,
      });
    },
    async editChannelMessage(channelId, messageId, body) {
      await bot.patch(Routes.channelMessage(channelId, messageId), { body });
    },
  };
}

export type DiscordPromptRef = Extract<PromptRef, { platform: 'discord' }>;

export interface MessageEditOptions {
  now?: number;
  /** How long an interaction token is used after it was issued (WEBHOOK_TOKEN_LIFETIME_MS; tests shorten it). */
  tokenLifetimeMs?: number;
}

export async function editExpiredPrompt(
  editor: PromptEditor,
  pending: PendingAction,
  options: MessageEditOptions = {},
): Promise<void> {
  const prompt = pending.prompt;
  if (prompt?.platform !== 'discord') return;
  await editPromptMessage(
    editor,
    prompt,
    pending.createdAt,
    restBodyFor(expiredView(pending)),
    `expired prompt ${pending.id}`,
    options,
  );
}

/**
 * Edits the message an interaction answered (a prompt, a job's message):
 * through the interaction webhook while the token issued at `issuedAt` is
 * fresh, else — or when the webhook refuses — with the bot token.
 */
export async function editPromptMessage(
  editor: PromptEditor,
  prompt: DiscordPromptRef,
  issuedAt: Date,
  body: MessageBody,
  what: string,
  options: MessageEditOptions = {},
): Promise<void> {
  const fallback =
    editor.editChannelMessage && prompt.channelId && prompt.messageId
      ? { edit: editor.editChannelMessage, channelId: prompt.channelId, messageId: prompt.messageId }
      : undefined;
  const lifetime = options.tokenLifetimeMs ?? WEBHOOK_TOKEN_LIFETIME_MS;
  const tokenFresh = (options.now ?? Date.now()) - issuedAt.getTime() < lifetime;
  if (tokenFresh) {
    try {
      await editor.editOriginal(prompt.applicationId, prompt.token, body);
      return;
    } catch (error) {
      if (!fallback) throw error;
    }
  }
  if (!fallback) {
    throw new PromptNotDelivered(
      `${what}: the interaction token lapsed and no bot token or channel message is known`,
    );
  }
  await fallback.edit(fallback.channelId, fallback.messageId, body);
}
