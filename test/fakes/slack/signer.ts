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
): SignedRequest {
  const ts = String(timestampSec);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
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

/** A `block_actions` payload for one button click (PLATFORMS.md "Minimal block_actions"). */
export function blockActionsPayload(
  action: { actionId: string; value: string },
  user: SlackUser,
  channel: string,
  responseUrl: string,
  options: { ephemeral?: boolean } = {},
): Record<string, unknown> {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'roomops-test' },
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.2.${randomUUID().slice(0, 8)}`,
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
