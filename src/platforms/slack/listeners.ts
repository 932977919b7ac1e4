/**
 * The `/room` command and the buttons. Every listener acks at once (Slack
 * gives 3 seconds), then works, then answers through the response_url.
 */
import type { App } from '@slack/bolt';
import type { EngineApi } from '../../core/engine-api.js';
import type { Logger } from '../../core/logger.js';
import type { Place } from '../../core/types.js';
import { CANCEL_ACTION, CONFIRM_ACTION, PAGE_ACTION } from '../../render/slack/index.js';
import type { InFlight } from './in-flight.js';
import { newErrorId } from '../../core/error-id.js';
import { decisionMessage, failureMessage, outcomeMessage, pageMessage } from './messages.js';
import type { PageCache } from './page-cache.js';
import type { ListUsergroups, SlackPrincipals } from './principal.js';
import { type Reply, replyTo } from './response-url.js';

export interface ListenerDeps {
  engine: EngineApi;
  principals: SlackPrincipals;
  pages: PageCache;
  inFlight: InFlight;
  logger: Logger;
}

type WebClientLike = {
  usergroups: {
    list(args: { include_users: boolean }): Promise<{ usergroups?: { id?: string; users?: string[] }[] }>;
  };
};

function usergroupLister(client: WebClientLike): ListUsergroups {
  return async () => {
    const reply = await client.usergroups.list({ include_users: true });
    return (reply.usergroups ?? []).filter((g) => g.id).map((g) => ({ id: g.id!, users: g.users ?? [] }));
  };
}

const place = (channelId: string | undefined): Place => ({
  platform: 'slack',
  ...(channelId ? { channel: `slack:${channelId}` } : {}),
});

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { engine, principals, pages, inFlight, logger } = deps;

  /** Runs the work after the ack; a failure is logged and told to the user, never thrown into Bolt. */
  const afterAck = (respond: Reply, what: string, work: () => Promise<void>) =>
    inFlight.run(async () => {
      try {
        // Let the event loop take in (and ack) requests already waiting before this one's work.
        await new Promise((resolve) => setImmediate(resolve));
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

  app.command('/room', async ({ command, ack, client }) => {
    await ack();
    const respond = replyTo(command.response_url);
    await afterAck(respond, 'command', async () => {
      const principal = await principals.principal(
        usergroupLister(client),
        command.user_id,
        command.user_name,
      );
      const outcome = await engine.handle({
        principal,
        place: place(command.channel_id),
        text: command.text ?? '',
      });
      await respond(outcomeMessage(outcome, pages));
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
      const respond = replyTo(body.response_url);
      await afterAck(respond, actionId, async () => {
        const pendingId = action.type === 'button' ? (action.value ?? '') : '';
        const principal = await principals.principal(
          usergroupLister(client),
          body.user.id,
          body.user.username ?? body.user.name,
        );
        const outcome = await engine.decide({
          pendingId,
          decision,
          principal,
          place: place(body.channel?.id ?? body.container?.channel_id),
        });
        await respond(decisionMessage(outcome, pages));
      });
    });
  }

  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${PAGE_ACTION}_(prev|next)$`) },
    async ({ body, action, ack }) => {
      await ack();
      const respond = replyTo(body.response_url);
      await afterAck(respond, 'page', async () => {
        const value = action.type === 'button' ? (action.value ?? '') : '';
        const split = value.lastIndexOf(':');
        await respond(pageMessage(pages, value.slice(0, split), Number(value.slice(split + 1))));
      });
    },
  );
}
