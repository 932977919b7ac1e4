/**
 * Slack App Home: on `app_home_opened` (Home tab), `views.publish` for that
 * user with what the core says their home holds (engine.home), rebuilt each
 * time. A confirm or cancel click in Home has no channel, message or
 * response_url (PLATFORMS.md "Second stage facts" 4): the decision is taken
 * as from the channel prompt (the core judges it at the prompt's place), the
 * prompt in its channel is rewritten, and the Home is published again with
 * what happened at its top.
 */
import type { App } from '@slack/bolt';
import type { EngineApi } from '../../core/engine-api.js';
import type { Logger } from '../../core/logger.js';
import type { DecisionOutcome } from '../../core/outcome.js';
import { type HomeNotice, renderHome } from '../../render/slack/home.js';
import { decisionView } from '../../render/to-view.js';
import type { View } from '../../view/view.js';
import type { InFlight } from '../in-flight.js';
import { decisionMessage } from './messages.js';
import type { PageState } from '../page-state.js';
import type { SlackPrincipals } from './principal.js';
import { type ChatUpdater, rewritePrompt } from './prompt-update.js';
import type { ReplyTo } from './response-url.js';
import { USER_ID } from './slack-ids.js';

export interface HomeDeps {
  engine: EngineApi;
  principals: SlackPrincipals;
  pages: PageState;
  inFlight: InFlight;
  logger: Logger;
  replyTo: ReplyTo;
}

export interface HomeClient extends ChatUpdater {
  views: { publish(args: { user_id: string; view: unknown }): Promise<unknown> };
}

export async function publishHome(
  deps: HomeDeps,
  client: HomeClient,
  userId: string,
  notice?: HomeNotice,
): Promise<void> {
  if (!USER_ID.test(userId)) throw new Error('app_home_opened: not a Slack user id');
  const principal = await deps.principals.principal(userId);
  const data = await deps.engine.home(principal);
  await client.views.publish({ user_id: userId, view: renderHome(data, notice) });
}

export function registerAppHome(app: App, deps: HomeDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await deps.inFlight.run(async () => {
      try {
        await publishHome(deps, client as unknown as HomeClient, event.user);
      } catch (error) {
        deps.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'Slack App Home could not be published',
        );
      }
    });
  });
}

/**
 * After a decision taken in Home: the channel prompt shows it (decided, or
 * found expired), then the Home is rebuilt with the outcome on top. A refusal
 * or a stale click changes no prompt and is told in Home only.
 */
export async function afterHomeDecision(
  deps: HomeDeps,
  client: HomeClient,
  userId: string,
  outcome: DecisionOutcome,
): Promise<void> {
  const promptChanges =
    outcome.type === 'decided' || (outcome.type === 'stale' && outcome.expiredNow === true);
  if (promptChanges)
    await rewritePrompt(
      client,
      outcome.pending,
      await decisionMessage(outcome, deps.pages, `slack:${userId}`),
      deps.logger,
      deps.replyTo,
    );
  await publishHome(deps, client, userId, homeNotice(decisionView(outcome)));
}

/** A view shown on top of the Home: its tone, title, text and first facts. */
export function homeNotice(view: View): HomeNotice {
  return {
    tone: view.tone,
    title: view.title,
    ...(view.text ? { text: view.text } : {}),
    facts: view.facts.slice(0, 4),
  };
}
