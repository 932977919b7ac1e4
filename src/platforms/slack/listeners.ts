/**
 * The `/room` command and the buttons. Every listener acks at once (Slack
 * gives 3 seconds), then works, then answers through the response_url.
 */
import type { App, BlockAction } from '@slack/bolt';
import type { EngineApi } from '../../core/engine-api.js';
import type { Logger } from '../../core/logger.js';
import type { Place } from '../../core/types.js';
import type { PageState } from '../page-state.js';
import { CANCEL_ACTION, CONFIRM_ACTION, PAGE_ACTION } from '../../render/slack/index.js';
import { newErrorId } from '../../core/error-id.js';
import type { AckFirst } from '../ack-first.js';
import type { InFlight } from '../in-flight.js';
import { failureMessage, outcomeMessage, pageMessage } from './messages.js';
import type { SlackPrincipals } from './principal.js';
import type { Reply, ReplyTo } from './response-url.js';
import { registerAppHome } from './app-home.js';
import { type DecisionPlace, decisionRequest, showDecision } from './decision-flow.js';
import { jobIdOf } from '../job-messages.js';
import { registerJobActions, withJobPrompt } from './job-actions.js';
import { CHANNEL_ID, MESSAGE_TS } from './slack-ids.js';
import { askToType, type ModalClient, registerTypeToConfirm } from './type-to-confirm.js';

export interface ListenerDeps {
  engine: EngineApi;
  principals: SlackPrincipals;
  pages: PageState;
  inFlight: InFlight;
  /** Work after an ack starts once the requests waiting for theirs are acked (or waited long enough). */
  ackFirst: AckFirst;
  logger: Logger;
  /** Posts to a request's response_url (one keep-alive agent per adapter). */
  replyTo: ReplyTo;
}

const place = (channelId: string | undefined): Place => ({
  platform: 'slack',
  ...(channelId ? { channel: `slack:${channelId}` } : {}),
});

/** Where a confirm or cancel click was: App Home (a view) or a prompt with its response_url. */
function decisionPlace(body: BlockAction): DecisionPlace | undefined {
  if (body.container?.type === 'view') return { at: 'home' };
  if (!body.response_url) return undefined;
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.container?.message_ts === undefined ? undefined : String(body.container.message_ts);
  return {
    at: 'prompt',
    responseUrl: body.response_url,
    ...(channel && CHANNEL_ID.test(channel) ? { channel } : {}),
    ...(ts && MESSAGE_TS.test(ts) ? { ts } : {}),
  };
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { engine, principals, pages, inFlight, ackFirst, logger, replyTo } = deps;

  /** Runs the work after the ack; a failure is logged and told to the user, never thrown into Bolt. */
  const afterAck = (respond: Reply, what: string, work: () => Promise<void>) =>
    inFlight.run(async () => {
      try {
        await ackFirst.turn();
        await work();
      } catch (error) {
        const errorId = newErrorId();
        logger.error(
          { errorId, err: error instanceof Error ? error.message : String(error), what },
          'Slack request failed after ack',
        );
        await respond(failureMessage(errorId)).catch(() => {});
      }
    });

  app.command('/room', async ({ command, ack }) => {
    await ack();
    const respond = replyTo(command.response_url);
    await afterAck(respond, 'command', async () => {
      const principal = await principals.principal(command.user_id, command.user_name);
      const outcome = await engine.handle({
        principal,
        place: place(command.channel_id),
        text: command.text ?? '',
      });
      const message = await outcomeMessage(outcome, pages, principal.id);
      const jobId = jobIdOf(outcome);
      await respond(
        jobId
          ? await withJobPrompt(engine, message, jobId, { responseUrl: command.response_url }, logger)
          : message,
      );
      if (outcome.type === 'confirm') {
        await engine.attachPrompt(outcome.pending.id, {
          platform: 'slack',
          responseUrl: command.response_url,
          channel: command.channel_id,
        });
      }
    });
  });

  for (const [actionId, decision] of [
    [CONFIRM_ACTION, 'approved'],
    [CANCEL_ACTION, 'cancelled'],
  ] as const) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ body, action, ack, client }) => {
      await ack();
      const where = decisionPlace(body);
      if (!where) return;
      const slack = client as unknown as ModalClient;
      const userId = body.user.id;
      await inFlight.run(async () => {
        try {
          const principal = await principals.principal(userId, body.user.username ?? body.user.name);
          const pendingId = action.type === 'button' ? (action.value ?? '') : '';
          const request = decisionRequest({ pendingId, decision, principal }, where);
          // The modal must open within 3 s of the click: before the queue of work after acks.
          if (
            decision === 'approved' &&
            (await askToType(deps, slack, request, where, userId, body.trigger_id))
          )
            return;
          await ackFirst.turn();
          await showDecision(deps, slack, await engine.decide(request), where, userId);
        } catch (error) {
          const errorId = newErrorId();
          logger.error(
            { errorId, err: error instanceof Error ? error.message : String(error), what: actionId },
            'Slack decision failed after ack',
          );
          if (where.at === 'prompt')
            await replyTo(where.responseUrl)(failureMessage(errorId)).catch(() => {});
        }
      });
    });
  }

  registerAppHome(app, deps);
  registerJobActions(app, deps);
  registerTypeToConfirm(app, deps);

  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${PAGE_ACTION}_(prev|next)$`) },
    async ({ body, action, ack }) => {
      await ack();
      const respond = replyTo(body.response_url);
      await afterAck(respond, 'page', async () => {
        const value = action.type === 'button' ? (action.value ?? '') : '';
        await respond(await pageMessage(pages, value, `slack:${body.user.id}`));
      });
    },
  );
}
