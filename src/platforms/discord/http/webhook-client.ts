/**
 * Calls to Discord's REST API for the HTTP transport, with undici: the
 * interaction webhooks (`/webhooks/{application_id}/{token}/…`, no
 * Authorization header, valid 15 minutes) and, when a bot token is
 * configured, channel-message edits after that. Every call has a timeout;
 * a 429 is retried once when Discord asks for a short wait. Errors name the
 * route with the token masked, never the URL itself (the token authorizes
 * edits).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { RoomOpsError } from '../../../shared/coded-error.js';
import type { MessageBody } from '../interaction.js';

export const DEFAULT_API_URL = 'https://discord.com/api';
const TIMEOUT_MS = 10_000;
const MAX_RETRY_AFTER_MS = 5_000;
const MAX_REPLY_BYTES = 1024 * 1024;

/** Discord refused a follow-up or edit; `route` has the token masked. */
export class DiscordHttpError extends RoomOpsError {
  override readonly name: string = 'DiscordHttpError';
  constructor(status: number, method: string, route: string, discordCode?: number) {
    super(
      'internal',
      `Discord answered ${status}${discordCode !== undefined ? ` (code ${discordCode})` : ''} to ${method} ${route}`,
      { status, operation: `${method} ${route}`, discordCode },
    );
  }
}

export interface WebhookClientOptions {
  /** DISCORD_API_URL: REST base including `/api`. */
  apiUrl?: string;
  /** DISCORD_TOKEN, for edits after the interaction token lapsed. */
  botToken?: string;
  timeoutMs?: number;
}

export class WebhookClient {
  private readonly base: string;
  /** Opened on first use and again after close(): the drain closes it while the port may still take a request. */
  private agent: Agent | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookClientOptions = {}) {
    this.base = `${(options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '')}/v10`;
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  }

  private dispatcher(): Agent {
    this.agent ??= new Agent({ keepAliveTimeout: 30_000, connections: 64 });
    return this.agent;
  }

  get hasBotToken(): boolean {
    return !!this.options.botToken;
  }

  editOriginal(applicationId: string, token: string, body: MessageBody): Promise<unknown> {
    return this.send('PATCH', `/webhooks/${applicationId}/${token}/messages/@original`, body);
  }

  deleteOriginal(applicationId: string, token: string): Promise<unknown> {
    return this.send('DELETE', `/webhooks/${applicationId}/${token}/messages/@original`);
  }

  followUp(applicationId: string, token: string, body: MessageBody): Promise<unknown> {
    return this.send('POST', `/webhooks/${applicationId}/${token}`, body);
  }

  editChannelMessage(channelId: string, messageId: string, body: MessageBody): Promise<unknown> {
    if (!this.options.botToken) throw new Error('no bot token (DISCORD_TOKEN) to edit channel messages with');
    if (!/^\d{1,20}$/.test(channelId) || !/^\d{1,20}$/.test(messageId))
      throw new Error('channel and message ids must be Discord snowflakes (digits)');
    return this.send('PATCH', `/channels/${channelId}/messages/${messageId}`, body, true);
  }

  /** Waits for requests under way, then closes the connections; a later request opens new ones. */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

  private async send(method: string, path: string, body?: MessageBody, bot = false): Promise<unknown> {
    const route = path.replace(/^(\/webhooks\/\d+\/)[^/]+/, '$1:token');
    for (let attempt = 1; ; attempt++) {
      const res = await request(`${this.base}${path}`, {
        method: method as 'PATCH',
        dispatcher: this.dispatcher(),
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(bot ? { authorization: `Bot ${this.options.botToken}` } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await readCapped(res.body);
      const json = parseJson(text);
      if (res.statusCode === 429 && attempt === 1) {
        const waitMs = Number((json as { retry_after?: unknown })?.retry_after ?? Number.NaN) * 1000;
        if (Number.isFinite(waitMs) && waitMs <= MAX_RETRY_AFTER_MS) {
          await sleep(waitMs);
          continue;
        }
      }
      if (res.statusCode >= 400) {
        const code = (json as { code?: unknown })?.code;
        throw new DiscordHttpError(
          res.statusCode,
          method,
          route,
          typeof code === 'number' ? code : undefined,
        );
      }
      return json;
    }
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) {
      body.destroy();
      throw new Error(`Discord's reply is larger than ${MAX_REPLY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
