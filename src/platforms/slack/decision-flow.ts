/**
 * The one place a confirmation decision becomes what Slack shows, wherever
 * it was taken: a click on the channel prompt (through the click's
 * response_url; a started job gets its buttons and, with the prompt's
 * channel and ts, its progress by `chat.update`), a click in App Home (the
 * prompt rewritten from the store, the Home rebuilt), or the type-to-confirm
 * modal, which carries one of those two places with it and, while it is
 * open, says under its input why nothing was decided.
 */
import type { DecisionRequest } from '../../core/engine-api.js';
import type { DecisionOutcome } from '../../core/outcome.js';
import { renderPages, truncate } from '../../render/slack/index.js';
import { decisionView } from '../../render/to-view.js';
import type { View } from '../../view/view.js';
import { afterHomeDecision, type HomeClient, type HomeDeps, homeNotice, publishHome } from './app-home.js';
import { jobIdOf } from '../job-messages.js';
import { withJobPrompt } from './job-actions.js';
import { decisionMessage } from './messages.js';

/** Where the click that asked for a decision was. */
export type DecisionPlace =
  /** The channel prompt: the click's response_url, and the message's channel and ts when it has them. */
  | { at: 'prompt'; responseUrl: string; channel?: string; ts?: string }
  /** App Home: no channel, message or response_url (PLATFORMS.md "Second stage facts" 4). */
  | { at: 'home' };

/** The engine's request for a click by `principal` at `place` (Home decisions are judged at the prompt's place). */
export function decisionRequest(
  base: Pick<DecisionRequest, 'pendingId' | 'decision' | 'principal' | 'typed'>,
  place: DecisionPlace,
): DecisionRequest {
  if (place.at === 'home') return { ...base, place: { platform: 'slack' }, fromHome: true };
  return {
    ...base,
    place: { platform: 'slack', ...(place.channel ? { channel: `slack:${place.channel}` } : {}) },
  };
}

/** Shows `outcome` to `userId` (the clicker) where the click was. */
export async function showDecision(
  deps: HomeDeps,
  client: HomeClient,
  outcome: DecisionOutcome,
  place: DecisionPlace,
  userId: string,
): Promise<void> {
  if (place.at === 'home') return afterHomeDecision(deps, client, userId, outcome);
  const message = await decisionMessage(outcome, deps.pages, `slack:${userId}`);
  const jobId = outcome.type === 'decided' ? jobIdOf(outcome.outcome) : undefined;
  await deps.replyTo(place.responseUrl)(
    jobId
      ? await withJobPrompt(
          deps.engine,
          message,
          jobId,
          {
            responseUrl: place.responseUrl,
            ...(place.channel ? { channel: place.channel } : {}),
            ...(place.ts ? { ts: place.ts } : {}),
          },
          deps.logger,
        )
      : message,
  );
}

/** A notice for the clicker alone (nothing was decided): ephemeral under the prompt, or on top of their Home. */
export async function tellClicker(
  deps: HomeDeps,
  client: HomeClient,
  place: DecisionPlace,
  userId: string,
  view: View,
): Promise<void> {
  if (place.at === 'home') return publishHome(deps, client, userId, homeNotice(view));
  await deps.replyTo(place.responseUrl)({
    response_type: 'ephemeral',
    replace_original: false,
    ...renderPages(view)[0]!,
  });
}

/** Our own bound for the text under the modal's input (Slack documents none). */
const MODAL_ERROR_MAX = 300;

/** Why nothing was decided, as the open modal says it under its input (`response_action: errors`). */
export function modalError(outcome: DecisionOutcome): string {
  if (outcome.type === 'mistyped') return truncate(outcome.message, MODAL_ERROR_MAX);
  const view = decisionView(outcome);
  return truncate(view.text ? `${view.title}: ${view.text}` : view.title, MODAL_ERROR_MAX);
}
