/**
 * The HTTP transport (DESIGN.md "Discord HTTP interactions"): with
 * DISCORD_PUBLIC_KEY set, Discord POSTs each interaction to
 * `/discord/interactions` on RoomOps' HTTP port and no gateway connection is
 * opened, so any number of replicas can sit behind a load balancer. Each
 * request is verified (401 otherwise), PING is answered `{"type":1}`, and
 * every interaction goes through the same core as the gateway's.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../../core/logger.js';
import type { PlatformAdapter, Runtime } from '../../../runtime/types.js';
import type { PendingAction } from '../../../store/types.js';
import { outboundTimeoutMs } from '../../outbound-timeout.js';
import { editExpiredPrompt, type PromptEditor, PromptNotDelivered } from '../expired-prompt.js';
import { handleInteraction, STOPPING } from '../handle-interaction.js';
import { EPHEMERAL, NO_MENTIONS } from '../interaction.js';
import { errorFields } from '../log-error.js';
import { interactionCore } from '../interaction-core.js';
import { httpResponder } from './http-responder.js';
import { parseRawInteraction } from './raw-interaction.js';
import { checkSignature, publicKeyFrom } from './verify-signature.js';
import { WebhookClient } from './webhook-client.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
/** Interaction bodies are a few KB; a component's carries its message (embeds ≤ 6,000 characters). */
const MAX_BODY_BYTES = 256 * 1024;
const BODY_TIMEOUT_MS = 10_000;

export interface HttpInteractionsOptions {
  runtime: Pick<Runtime, 'engine' | 'store' | 'jobRunner'>;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** How long an interaction token is used for edits (default a little under Discord's 15 minutes; tests shorten it). */
  webhookTokenLifetimeMs?: number;
}

export type HttpInteractionsAdapter = PlatformAdapter & { requestListener: RequestListener };

export function createHttpInteractionsAdapter({
  runtime,
  env,
  logger,
  webhookTokenLifetimeMs,
}: HttpInteractionsOptions): HttpInteractionsAdapter {
  const key = publicKeyFrom(env.DISCORD_PUBLIC_KEY ?? '');
  const log = logger.child({ platform: 'discord', transport: 'http' });
  const webhooks = new WebhookClient({
    timeoutMs: outboundTimeoutMs(env),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
    ...(env.DISCORD_TOKEN ? { botToken: env.DISCORD_TOKEN } : {}),
  });
  const editor: PromptEditor = {
    editOriginal: async (app, token, body) => void (await webhooks.editOriginal(app, token, body)),
    ...(webhooks.hasBotToken
      ? { editChannelMessage: async (c, m, body) => void (await webhooks.editChannelMessage(c, m, body)) }
      : {}),
  };
  // Whichever replica runs a job edits its message, wherever the interaction arrived.
  const { ctx, inFlight, lifetime, stopShowingJobs } = interactionCore(
    runtime,
    editor,
    log,
    webhookTokenLifetimeMs,
  );
  let accepting = false;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only');
      return;
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('body too large');
      return;
    }
    const signature = checkSignature(
      key,
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
    );
    if (!signature.ok) {
      log.warn({ reason: signature.reason }, 'discord: refused an unsigned or badly signed interaction');
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('body: expected a JSON interaction object');
      return;
    }
    const parsed = parseRawInteraction(json);
    if (parsed.kind === 'ping') return sendJson(res, { type: 1 });
    if (parsed.kind === 'invalid') {
      log.warn({ problem: parsed.problem }, 'discord: malformed interaction');
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`invalid interaction: ${parsed.problem}`);
      return;
    }
    if (parsed.kind === 'unsupported') {
      return sendJson(res, {
        type: 4,
        data: {
          content: 'RoomOps does not handle this kind of interaction.',
          flags: EPHEMERAL,
          allowed_mentions: NO_MENTIONS,
        },
      });
    }
    const interaction = parsed.interaction;
    if (!accepting) {
      return sendJson(
        res,
        interaction.kind === 'autocomplete'
          ? { type: 8, data: { choices: [] } }
          : { type: 4, data: { content: STOPPING, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS } },
      );
    }
    const respond = httpResponder(
      interaction,
      (status, payload) => (payload === undefined ? sendEmpty(res, status) : sendJson(res, payload, status)),
      webhooks,
      () => log.warn({ interaction: interaction.id }, 'discord: no answer within 2.5 s; deferred it'),
    );
    void inFlight.run(() =>
      handleInteraction(interaction, respond, ctx).finally(() => {
        respond.dispose();
        // Whatever happened, Discord gets an HTTP answer.
        if (!res.headersSent) void sendEmpty(res, 500);
      }),
    );
  }

  const requestListener: RequestListener = (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log.error(errorFields(error), 'discord: interaction request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };

  return {
    name: 'discord',
    requestListener,
    async start() {
      accepting = true;
      log.info({ path: DISCORD_INTERACTIONS_PATH }, 'discord: taking HTTP interactions');
    },
    async stop() {
      // The drain calls stop() while the port still takes requests, and again once it has closed:
      // interactions arriving meanwhile are handled like any other (DESIGN.md "Operations").
      stopShowingJobs();
      await inFlight.drain();
      await webhooks.close();
    },
    status() {
      return accepting
        ? { connected: true, detail: `HTTP interactions at POST ${DISCORD_INTERACTIONS_PATH}` }
        : { connected: false, detail: 'not taking interactions' };
    },
    async showExpired(pending: PendingAction) {
      try {
        await editExpiredPrompt(editor, pending, lifetime);
      } catch (error) {
        if (!(error instanceof PromptNotDelivered)) throw error;
        // Nothing left to edit it with: the audit says so, for whoever looks for the prompt.
        await runtime.store.audit.append({
          at: new Date(),
          actor: pending.requester,
          ...(pending.requesterName ? { actorName: pending.requesterName } : {}),
          platform: 'discord',
          ...(pending.channel ? { channel: pending.channel } : {}),
          ...(pending.guild ? { guild: pending.guild } : {}),
          account: pending.account,
          action: pending.action,
          kind: pending.kind,
          args: {},
          rooms: pending.rooms,
          outcome: 'expired',
          detail:
            'prompt_not_delivered: the interaction token lapsed and no DISCORD_TOKEN is set to edit the prompt',
          pendingId: pending.id,
        });
        throw error;
      }
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  req.setTimeout(BODY_TIMEOUT_MS, () => req.destroy(new Error('interaction body read timed out')));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, payload: unknown, status = 200): Promise<void> {
  const body = JSON.stringify(payload);
  return new Promise((resolve) => {
    res
      .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body, () => resolve());
  });
}

function sendEmpty(res: ServerResponse, status: number): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-length': 0 }).end(() => resolve());
  });
}
