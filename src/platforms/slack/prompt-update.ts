/**
 * Rewrites a confirmation prompt in its channel when it was decided
 * somewhere else (App Home): through the prompt's stored `response_url`
 * with `replace_original`, as the expiry notice does; where that URL can no
 * longer be used (Slack allows 5 uses in 30 minutes) and the prompt's
 * `channel` and `ts` are known, with `chat.update` and the bot token
 * (PLATFORMS.md "Second stage facts" 3–4).
 */
import type { Logger } from '../../core/logger.js';
import type { PendingAction } from '../../store/types.js';
import type { ResponseBody } from './messages.js';
import type { ReplyTo } from './response-url.js';

export interface ChatUpdater {
  chat: {
    update(args: { channel: string; ts: string; text: string; blocks: unknown[] }): Promise<unknown>;
  };
}

/** True when the prompt now shows the decision. */
export async function rewritePrompt(
  client: ChatUpdater,
  pending: PendingAction,
  message: ResponseBody,
  logger: Logger,
  replyTo: ReplyTo,
): Promise<boolean> {
  const prompt = pending.prompt;
  if (prompt?.platform !== 'slack') return false;
  try {
    await replyTo(prompt.responseUrl)(message);
    return true;
  } catch (error) {
    if (!prompt.channel || !prompt.ts) {
      logger.warn(
        { pendingId: pending.id, err: error instanceof Error ? error.message : String(error) },
        'Slack prompt could not be rewritten: its response_url was refused and its ts is unknown',
      );
      return false;
    }
  }
  const { text, blocks, fallbackBlocks } = message;
  try {
    await client.chat.update({ channel: prompt.channel, ts: prompt.ts, text, blocks });
  } catch (error) {
    if (!fallbackBlocks) throw error;
    await client.chat.update({ channel: prompt.channel, ts: prompt.ts, text, blocks: fallbackBlocks });
  }
  return true;
}
