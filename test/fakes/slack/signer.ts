/**
 * Signs requests exactly as Slack does: `v0=` + hex HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the signing secret, and the exact content
 * type Bolt's parser expects (PLATFORMS.md "Inbound HTTP").
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function sign(
  body: string,
  secret: string,
  timestampSec = Math.floor(Date.now() / 1000),
  contentType = 'application/x-www-form-urlencoded',
): SignedRequest {
  const ts = String(timestampSec);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
  };
}

export interface SlackUser {
  id: string;
  name: string;
}

/** A slash command's form fields (recorded payload: PLATFORMS.md "Minimal signed slash command"). */
export function slashCommandFields(
  text: string,
  user: SlackUser,
  channel: string,
  responseUrl: string,
): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'roomops-test',
    channel_id: channel,
    channel_name: 'ops',
    user_id: user.id,
    user_name: user.name,
    command: '/room',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.1.${randomUUID().slice(0, 8)}`,
  };
}

export function slashCommandBody(
  text: string,
  user: SlackUser,
  channel: string,
  responseUrl: string,
): string {
  return new URLSearchParams(slashCommandFields(text, user, channel, responseUrl)).toString();
}

/** What every interaction payload starts with: its type, the workspace, who acted, the app and a trigger_id. */
function interaction(type: string, user: SlackUser, triggerId: string): Record<string, unknown> {
  return {
    type,
    team: { id: 'T1', domain: 'roomops-test' },
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: triggerId,
  };
}

/** A `block_actions` payload for one button click (PLATFORMS.md "Minimal block_actions"). */
export function blockActionsPayload(
  action: { actionId: string; value: string },
  user: SlackUser,
  channel: string,
  responseUrl: string,
  options: { ephemeral?: boolean; triggerId?: string } = {},
): Record<string, unknown> {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  return {
    ...interaction('block_actions', user, options.triggerId ?? `${Date.now()}.2.${randomUUID().slice(0, 8)}`),
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: channel,
      is_ephemeral: options.ephemeral ?? false,
    },
    channel: { id: channel, name: 'ops' },
    ...(options.ephemeral ? {} : { message: { type: 'message', user: 'U_BOT', ts, text: 'prompt' } }),
    actions: [
      {
        type: 'button',
        block_id: 'b1',
        action_id: action.actionId,
        value: action.value,
        text: { type: 'plain_text', text: action.actionId },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    response_url: responseUrl,
  };
}

export function blockActionsBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API `app_home_opened` callback (PLATFORMS.md "Second stage facts" 4), as JSON. */
export function appHomeOpenedBody(userId: string, tab: 'home' | 'messages' = 'home'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: 'D0HOME',
      tab,
      event_ts: `${Date.now() / 1000}`,
    },
    authorizations: [
      { enterprise_id: null, team_id: 'T1', user_id: 'U_BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

/** A button click in App Home: container `view`, the Home view, and no channel, message or response_url. */
export function homeBlockActionsPayload(
  action: { actionId: string; value: string },
  user: SlackUser,
  options: { triggerId?: string } = {},
): Record<string, unknown> {
  return {
    ...interaction('block_actions', user, options.triggerId ?? `${Date.now()}.3.${randomUUID().slice(0, 8)}`),
    container: { type: 'view', view_id: 'VHOME1' },
    view: {
      id: 'VHOME1',
      team_id: 'T1',
      type: 'home',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: '1700000000.abcdef',
      root_view_id: 'VHOME1',
      app_id: 'A1',
      bot_id: 'B_BOT',
    },
    actions: [
      {
        type: 'button',
        block_id: 'room_decision_0',
        action_id: action.actionId,
        value: action.value,
        text: { type: 'plain_text', text: action.actionId },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/**
 * A `view_submission` for a modal Slack opened (`view` as views.open echoed
 * it), with the inputs' values by block_id and action_id (PLATFORMS.md
 * "Second stage facts" 2). Sent as `payload=<JSON>`, like a click
 * (blockActionsBody). No channel, message or response_url.
 */
export function viewSubmissionPayload(
  view: { id: string; [k: string]: unknown },
  values: Record<string, Record<string, string | null>>,
  user: SlackUser,
): Record<string, unknown> {
  const state = Object.fromEntries(
    Object.entries(values).map(([blockId, inputs]) => [
      blockId,
      Object.fromEntries(
        Object.entries(inputs).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]),
      ),
    ]),
  );
  return {
    ...interaction('view_submission', user, `${Date.now()}.4.${randomUUID().slice(0, 8)}`),
    view: {
      ...view,
      team_id: 'T1',
      state: { values: state },
      hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
      root_view_id: view.id,
      previous_view_id: null,
      app_id: 'A1',
      bot_id: 'B_BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
