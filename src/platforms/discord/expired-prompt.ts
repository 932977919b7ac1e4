/**
 * Rewrites an expired confirmation prompt as an "expired" notice without
 * buttons. The interaction webhook is valid for 15 minutes (Discord docs,
 * receiving-and-responding "Interaction tokens are valid for 15 minutes");
 * after that, or if it is refused, the bot edits its own channel message.
 */
import { type REST, Routes } from 'discord.js';
import { expiredView } from '../../render/to-view.js';
import type { PendingAction } from '../../store/types.js';
import { restBodyFor } from './message.js';

/** A little under Discord's 15 minutes, so an edit is not sent with a token about to lapse. */
const WEBHOOK_TOKEN_LIFETIME_MS = 14 * 60_000;

export interface PromptRest {
  /** Interaction webhooks (no Authorization header). */
  interactions: REST;
  /** Calls with the bot token. */
  bot: REST;
}

export async function editExpiredPrompt(
  rest: PromptRest,
  pending: PendingAction,
  now = Date.now(),
): Promise<void> {
  const prompt = pending.prompt;
  if (prompt?.platform !== 'discord') return;
  const body = restBodyFor(expiredView(pending));
  const tokenFresh = now - pending.createdAt.getTime() < WEBHOOK_TOKEN_LIFETIME_MS;
  if (tokenFresh) {
    try {
      await rest.interactions.patch(Routes.webhookMessage(prompt.applicationId, prompt.token, '@original'), {
        body,
        auth: false,
      });
      return;
    } catch (error) {
      if (!prompt.channelId || !prompt.messageId) throw error;
    }
  }
  if (!prompt.channelId || !prompt.messageId) {
    throw new Error(`expired prompt ${pending.id}: interaction token lapsed and no channel message is known`);
  }
  await rest.bot.patch(Routes.channelMessage(prompt.channelId, prompt.messageId), { body });
}
