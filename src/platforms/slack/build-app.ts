/**
 * The Bolt app for one of Slack's two transports (DESIGN.md "Environment"):
 * Socket Mode when `SLACK_APP_TOKEN` is set (it wins), else HTTP mode, where
 * Bolt's HTTPReceiver checks the signing secret (stale or forged → 401) and
 * our server mounts its request listener at `POST /slack/events`.
 * `SLACK_API_URL` becomes the Web API base for both.
 */
import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { OUTBOUND_RETRIES, outboundTimeoutMs } from '../outbound-timeout.js';
import { boltLogger } from './bolt-logger.js';

export interface SlackSettings {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  /** Per Web API call and per response_url post (ROOMOPS_OUTBOUND_TIMEOUT_MS). */
  timeoutMs: number;
}

export type BuiltApp =
  | { mode: 'http'; app: App; requestListener: RequestListener }
  | { mode: 'socket'; app: App; receiver: SocketModeReceiver };

export function slackSettings(env: NodeJS.ProcessEnv): SlackSettings {
  const botToken = env.SLACK_BOT_TOKEN;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is not set');
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  return {
    botToken,
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    timeoutMs: outboundTimeoutMs(env),
  };
}

export function buildApp(settings: SlackSettings, logger: Logger): BuiltApp {
  const log = boltLogger(logger);
  // The WebClient's defaults are no timeout and ten retries over about 30 minutes: a hung
  // Slack would hold a command, and shutdown, that long.
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    timeout: settings.timeoutMs,
    retryConfig: { retries: OUTBOUND_RETRIES, minTimeout: 250, maxTimeout: 2_000 },
  };
  // `auth.test` runs in `app.init()` at start, so a bad token fails the start, not the first command.
  const common = {
    token: settings.botToken,
    logger: log,
    clientOptions,
    convoStore: false as const,
    deferInitialization: true,
  };
  if (settings.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger: log,
      installerOptions: { clientOptions },
    });
    return { mode: 'socket', app: new App({ ...common, receiver }), receiver };
  }
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret ?? '',
    endpoints: ['/slack/events'],
    logger: log,
    // Our listeners ack at once; the default 3,001 ms guard stays for anything unhandled.
    processBeforeResponse: false,
  });
  return { mode: 'http', app: new App({ ...common, receiver }), requestListener: receiver.requestListener };
}
