/**
 * The Slack front end: a Bolt app that turns `/room` and button clicks into
 * engine calls and delivers what the engine answers. It translates and
 * delivers; the engine decides.
 */
import type { RequestListener } from 'node:http';
import type { Logger } from '../../core/logger.js';
import type { PlatformAdapter, Runtime } from '../../runtime/types.js';
import type { PendingAction } from '../../store/types.js';
import { PageState } from '../page-state.js';
import { buildApp, slackSettings } from './build-app.js';
import { InFlight } from '../in-flight.js';
import {
  ACK_FIRST_MAX_BACKLOG,
  ACK_FIRST_MAX_HOLD_MS,
  ACK_FIRST_MAX_WAIT_MS,
  AckFirst,
} from '../ack-first.js';
import { registerListeners } from './listeners.js';
import { showJobMessages } from './job-actions.js';
import { expiredMessage } from './messages.js';
import { responseUrlPoster } from './response-url.js';
import { SlackPrincipals } from './principal.js';
import { usergroupLister } from './usergroup-lister.js';

export interface SlackAdapterOptions {
  runtime: Runtime;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

export interface SlackAdapter extends PlatformAdapter {
  readonly name: 'slack';
  readonly mode: 'http' | 'socket';
  /** HTTP mode: Bolt's handler for `POST /slack/events`, mounted by the server. */
  readonly requestListener?: RequestListener;
}

export function createSlackAdapter({ runtime, env, logger: parent }: SlackAdapterOptions): SlackAdapter {
  const logger = parent.child({ platform: 'slack' });
  const settings = slackSettings(env);
  const built = buildApp(settings, logger);
  let refused = 0;
  const inFlight: InFlight = new InFlight(() => ackFirst.settled());
  const ackFirst: AckFirst = new AckFirst(ACK_FIRST_MAX_WAIT_MS, {
    size: () => inFlight.size,
    max: ACK_FIRST_MAX_BACKLOG,
    maxHoldMs: ACK_FIRST_MAX_HOLD_MS,
    // One line per hundred, so a flood of refusals does not flood the log.
    onRefused: () => {
      if (refused++ % 100 === 0)
        logger.warn({ refused, backlog: inFlight.size }, 'Slack request refused: too much work after acks');
    },
  });
  const replyTo = responseUrlPoster(settings.timeoutMs);
  let state: { connected: boolean; detail?: string } = { connected: false, detail: 'not started' };

  built.app.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'Slack listener error');
  });
  registerListeners(built.app, {
    engine: runtime.engine,
    principals: new SlackPrincipals({
      list: usergroupLister(settings, logger),
      named: () => runtime.engine.groupPrincipals('slack'),
      logger,
    }),
    pages: new PageState(runtime.store.pages, 'slack', logger),
    inFlight,
    ackFirst,
    logger,
    replyTo,
  });
  const stopShowingJobs = showJobMessages(runtime.jobRunner, built.app.client, {
    engine: runtime.engine,
    inFlight,
    logger,
    replyTo,
  });

  if (built.mode === 'socket') {
    built.receiver.client.on('connected', () => {
      state = { connected: true };
    });
    built.receiver.client.on('disconnected', () => {
      state = { connected: false, detail: 'Socket Mode disconnected' };
    });
    // With auto-reconnect the client announces nothing until its retry timer
    // fires, so readiness follows the socket's own close.
    built.receiver.client.on('close', () => {
      state = { connected: false, detail: 'Socket Mode connection closed; reconnecting' };
    });
  }

  return {
    name: 'slack',
    mode: built.mode,
    ...(built.mode === 'http' ? { requestListener: ackFirst.track(built.requestListener) } : {}),
    async start() {
      await built.app.init();
      if (built.mode === 'socket') await built.app.start();
      else state = { connected: true };
      logger.info({ mode: built.mode }, 'Slack adapter started');
    },
    async stop() {
      if (built.mode === 'socket')
        await built.app
          .stop()
          .catch((error: unknown) => logger.warn({ err: String(error) }, 'Socket Mode disconnect failed'));
      state = { connected: false, detail: 'stopping' };
      stopShowingJobs();
      await inFlight.drain();
    },
    status: () => state,
    async showExpired(pending: PendingAction) {
      const prompt = pending.prompt;
      if (prompt?.platform !== 'slack') return;
      await replyTo(prompt.responseUrl)(expiredMessage(pending));
    },
  };
}
