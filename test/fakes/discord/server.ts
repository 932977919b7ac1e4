/**
 * A fake Discord for end-to-end tests of the real discord.js client
 * (PLATFORMS.md "Discord gateway client"): REST under `/api/v10` and a gateway
 * WebSocket on the same 127.0.0.1 port. It records every REST call, enforces
 * the 3-second initial-response deadline and one response per interaction,
 * and rejects messages over Discord's limits.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { choiceProblems, commandProblems, messageProblems, modalProblems } from './limits.js';
import { MessageBook } from './messages.js';
import { APP_ID, BOT_USER_ID } from './payloads.js';
import { snowflake } from './snowflake.js';

type Json = Record<string, unknown>;

export interface RecordedCall {
  /** `http-response`: the body RoomOps answered a signed HTTP interaction with (recorded as its callback). */
  via?: 'rest' | 'http-response';
  method: string;
  /** Path without the `/api/v10` prefix: `/interactions/…/callback`. */
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body: unknown;
  at: number;
  status: number;
}

export interface SentInteraction {
  id: string;
  token: string;
  type: number;
  sentAt: number;
  channelId: string;
  /** For button clicks: the message the button is on. */
  messageId?: string;
  /** When the first callback arrived (ms after sentAt). */
  callbackAfterMs?: number;
  callbackType?: number;
  /** Answered (see `whenSettled`). */
  settled?: boolean;
  /** HTTP interactions: resolves once RoomOps' HTTP answer has been recorded. */
  httpAnswered?: Promise<void>;
}

export interface FakeDiscordOptions {
  token: string;
  heartbeatIntervalMs?: number;
  /** Initial-response deadline (Discord: 3 s). */
  deadlineMs?: number;
}

const API = '/api/v10';

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly interactions = new Map<string, SentInteraction>();
  readonly messages = new MessageBook();
  readonly identifies: Json[] = [];
  readonly registered = new Map<string, Json[]>();
  readonly expiredTokens = new Set<string>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  /** Sockets that identified or resumed: the ones dispatches go to. */
  private sockets = new Set<WebSocket>();
  /** Dispatches sent so far, replayed on RESUME as Discord does. */
  private readonly sent: { s: number; frame: string }[] = [];
  private seq = 1;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private readonly commandIds = new Map<string, string>();
  private readonly ackWaiters = new Map<string, (afterMs: number) => void>();
  private readonly settleWaiters = new Map<string, () => void>();
  port = 0;

  constructor(private readonly options: FakeDiscordOptions) {
    this.server = createServer((req, res) => {
      this.onHttp(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.onSocket(socket));
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Pushes an INTERACTION_CREATE dispatch to every connected client. */
  sendInteraction(payload: Json): SentInteraction {
    const message = payload.message as Json | undefined;
    const channelId = String((payload.channel as Json).id);
    const sent: SentInteraction = {
      id: String(payload.id),
      token: String(payload.token),
      type: Number(payload.type),
      sentAt: performance.now(),
      channelId,
      ...(message ? { messageId: String(message.id) } : {}),
    };
    this.interactions.set(sent.token, sent);
    if (message) this.messages.adopt(String(message.id), channelId);
    this.dispatch('INTERACTION_CREATE', payload);
    return sent;
  }

  /** Remembers an interaction delivered over HTTP (http-interactions.ts), so its webhooks are accepted. */
  trackHttpInteraction(payload: Json): {
    sent: SentInteraction;
    answered: (status: number, body: unknown) => void;
  } {
    const message = payload.message as Json | undefined;
    const channelId = String((payload.channel as Json | undefined)?.id ?? payload.channel_id ?? '');
    const known = this.interactions.get(String(payload.token));
    let done!: () => void;
    const sent: SentInteraction = {
      id: String(payload.id),
      token: String(payload.token),
      type: Number(payload.type),
      sentAt: performance.now(),
      channelId,
      ...(message ? { messageId: String(message.id) } : {}),
      httpAnswered: new Promise<void>((resolve) => {
        done = resolve;
      }),
    };
    // A replay (same token) keeps the first delivery's state, so a second initial response is refused.
    const tracked = known ?? sent;
    if (known) known.httpAnswered = sent.httpAnswered;
    else this.interactions.set(sent.token, sent);
    if (message) this.messages.adopt(String(message.id), channelId);
    return {
      sent: tracked,
      answered: (status, body) => {
        const call: RecordedCall = {
          via: 'http-response',
          method: 'POST',
          path: `/interactions/${sent.id}/${sent.token}/callback`,
          query: new URLSearchParams(),
          body,
          at: performance.now(),
          status,
        };
        // An empty 200 (a replay RoomOps ignored) is no initial response.
        if (status === 200 && body !== undefined)
          call.status = this.acceptInitialResponse(tracked, call).status;
        this.record(call);
        done();
      },
    };
  }

  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    this.sent.push({ s: this.seq, frame });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Drops every gateway connection (as a network blip would); discord.js resumes. */
  dropConnections(): void {
    const open = [...this.sockets];
    this.sockets.clear();
    for (const s of open) s.terminate();
  }

  /** Resolves with the time from dispatch to the interaction's first (accepted) callback, in ms. */
  whenAcknowledged(sent: SentInteraction): Promise<number> {
    if (sent.callbackAfterMs !== undefined) return Promise.resolve(sent.callbackAfterMs);
    return new Promise((resolve) => this.ackWaiters.set(sent.token, resolve));
  }

  /**
   * Resolves when the interaction has its answer: an immediate reply or
   * autocomplete result, or the first edit, deletion or follow-up after a defer.
   */
  whenSettled(sent: SentInteraction): Promise<void> {
    if (sent.settled) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.set(sent.token, resolve));
  }

  private settle(token: string): void {
    const sent = this.interactions.get(token);
    if (!sent || sent.settled) return;
    sent.settled = true;
    this.settleWaiters.get(token)?.();
    this.settleWaiters.delete(token);
  }

  /** Resolves once `predicate` holds over the recorded calls (re-checked on every call). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this.calls)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `FakeDiscord.waitFor timed out after ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const waiter = {
        check: () => predicate(this.calls),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for `count` calls matching `filter` and returns them. */
  async waitForCalls(
    filter: (call: RecordedCall) => boolean,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<RecordedCall[]> {
    await this.waitFor((calls) => calls.filter(filter).length >= count, timeoutMs);
    return this.calls.filter(filter);
  }

  /** Calls made for one interaction token (callback and webhooks). */
  callsFor(token: string): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(`/${token}`));
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  // ---------------------------------------------------------------- gateway

  private onSocket(socket: WebSocket): void {
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(
      JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } }),
    );
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 2) this.onIdentify(socket, frame.d);
      else if (frame.op === 6) this.onResume(socket, frame.d);
    });
  }

  private onIdentify(socket: WebSocket, d: Json): void {
    this.identifies.push({ ...d, token: '[redacted]' });
    if (d.token !== this.options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const url = `ws://127.0.0.1:${this.port}`;
    this.seq += 1;
    socket.send(
      JSON.stringify({
        op: 0,
        t: 'READY',
        s: this.seq,
        d: {
          v: 10,
          user: {
            id: BOT_USER_ID,
            username: 'opsbot',
            discriminator: '0',
            bot: true,
            avatar: null,
            global_name: null,
          },
          guilds: [],
          session_id: `sess-${snowflake()}`,
          resume_gateway_url: url,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
        },
      }),
    );
    this.sockets.add(socket);
  }

  private onResume(socket: WebSocket, d: Json): void {
    if (d.token !== this.options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const from = Number(d.seq ?? 0);
    for (const missed of this.sent) if (missed.s > from) socket.send(missed.frame);
    this.seq += 1;
    socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.seq, d: {} }));
    this.sockets.add(socket);
  }

  // ------------------------------------------------------------------- REST

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (raw.length > 0) {
      body = (req.headers['content-type'] ?? '').startsWith('application/json') ? JSON.parse(raw) : raw;
    }
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API) ? pathname.slice(API.length) : pathname;
    // Discord takes a webhook call only after the interaction's HTTP answer; the
    // fake records that answer a moment after RoomOps sends it, so it waits here.
    const webhookToken = /^\/webhooks\/\d+\/([^/]+)/.exec(path)?.[1];
    const pendingAnswer = webhookToken ? this.interactions.get(webhookToken)?.httpAnswered : undefined;
    if (pendingAnswer) await Promise.race([pendingAnswer, new Promise((r) => setTimeout(r, 3000))]);
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body,
      at: performance.now(),
      status: 0,
    };
    const reply = this.route(call);
    call.status = reply.status;
    this.record(call);
    if (reply.body === undefined) res.writeHead(reply.status).end();
    else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }

  private route(call: RecordedCall): { status: number; body?: unknown } {
    if (!call.path.startsWith('/') || call.path === '') return notFound();
    const parts = call.path.split('/').slice(1);
    const botAuth = call.authorization === `Bot ${this.options.token}`;
    const m = call.method;

    if (m === 'GET' && call.path === '/gateway/bot') {
      if (!botAuth) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (parts[0] === 'interactions' && parts[3] === 'callback' && m === 'POST') {
      return this.onCallback(parts[1]!, parts[2]!, call);
    }
    if (parts[0] === 'webhooks' && parts[1] === APP_ID && parts[2]) {
      return this.onWebhook(parts[2], parts.slice(3), call);
    }
    if (parts[0] === 'channels' && parts[2] === 'messages') {
      if (!botAuth) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      return this.onChannelMessage(parts[1]!, parts[3], call);
    }
    if (parts[0] === 'applications' && parts[1] === APP_ID && m === 'PUT') {
      if (!botAuth) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      const guildId = parts[2] === 'guilds' ? parts[3] : undefined;
      if (parts[guildId ? 4 : 2] !== 'commands') return notFound();
      return this.onRegister(guildId, call.body);
    }
    return notFound();
  }

  private onCallback(id: string, token: string, call: RecordedCall): { status: number; body?: unknown } {
    const sent = this.interactions.get(token);
    if (!sent || sent.id !== id)
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    if (call.authorization) return invalid('interaction callbacks carry no Authorization header');
    return this.acceptInitialResponse(sent, call);
  }

  /**
   * An interaction's one initial response, by callback (gateway) or as the
   * HTTP answer (HTTP interactions): the same deadline, limits and effects.
   */
  acceptInitialResponse(sent: SentInteraction, call: RecordedCall): { status: number; body?: unknown } {
    const token = sent.token;
    const elapsed = call.at - sent.sentAt;
    if (sent.callbackType !== undefined) {
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    if (elapsed > (this.options.deadlineMs ?? 3000))
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    const body = call.body as { type: number; data?: Json };
    // "Not available for MODAL_SUBMIT and PING" (PLATFORMS.md item 9).
    if (body.type === 9 && sent.type === 5) return invalid('a modal cannot answer a modal submit');
    const problems =
      body.type === 8
        ? choiceProblems(body.data?.choices)
        : body.type === 9
          ? modalProblems(body.data)
          : messageProblems(body.data);
    if (problems.length > 0) return invalid(problems.join('; '));
    sent.callbackAfterMs = elapsed;
    sent.callbackType = body.type;
    this.ackWaiters.get(token)?.(elapsed);
    this.ackWaiters.delete(token);
    if (body.type === 4 || body.type === 7 || body.type === 8 || body.type === 9) this.settle(token);
    const flags = Number(body.data?.flags ?? 0);
    if (body.type === 4 || body.type === 5) {
      const message = this.messages.create(sent.channelId, body.data ?? {}, flags & 64);
      this.messages.original.set(token, message.id);
    } else if ((body.type === 6 || body.type === 7) && sent.messageId) {
      this.messages.original.set(token, sent.messageId);
      if (body.type === 7)
        this.messages.apply(this.messages.adopt(sent.messageId, sent.channelId), body.data ?? {});
    }
    return { status: 204 };
  }

  private onWebhook(token: string, rest: string[], call: RecordedCall): { status: number; body?: unknown } {
    if (this.expiredTokens.has(token) || !this.interactions.has(token)) {
      return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    }
    const sent = this.interactions.get(token)!;
    const data = (call.body ?? {}) as Json;
    if (call.method !== 'GET') queueMicrotask(() => this.settle(token));
    if (rest.length === 0 && call.method === 'POST') {
      if (sent.callbackType === undefined)
        return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      const problems = messageProblems(data);
      if (problems.length > 0) return invalid(problems.join('; '));
      const message = this.messages.create(sent.channelId, data, Number(data.flags ?? 0) & 64);
      return { status: 200, body: this.messages.toApi(message) };
    }
    if (rest[0] !== 'messages' || !rest[1]) return notFound();
    const messageId = rest[1] === '@original' ? this.messages.original.get(token) : rest[1];
    const message = messageId ? this.messages.byId.get(messageId) : undefined;
    if (!message || message.deleted)
      return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (call.method === 'GET') return { status: 200, body: this.messages.toApi(message) };
    if (call.method === 'DELETE') {
      message.deleted = true;
      return { status: 204 };
    }
    if (call.method === 'PATCH') {
      const problems = messageProblems(data);
      if (problems.length > 0) return invalid(problems.join('; '));
      this.messages.apply(message, data);
      return { status: 200, body: this.messages.toApi(message) };
    }
    return notFound();
  }

  private onChannelMessage(
    channelId: string,
    messageId: string | undefined,
    call: RecordedCall,
  ): { status: number; body?: unknown } {
    const data = (call.body ?? {}) as Json;
    const problems = messageProblems(data);
    if (problems.length > 0) return invalid(problems.join('; '));
    if (!messageId && call.method === 'POST') {
      return { status: 200, body: this.messages.toApi(this.messages.create(channelId, data)) };
    }
    const message = messageId ? this.messages.byId.get(messageId) : undefined;
    if (!message || message.deleted || message.channelId !== channelId)
      return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (call.method !== 'PATCH') return notFound();
    this.messages.apply(message, data);
    return { status: 200, body: this.messages.toApi(message) };
  }

  private onRegister(guildId: string | undefined, body: unknown): { status: number; body?: unknown } {
    if (!Array.isArray(body)) return invalid('body must be an array of commands');
    const problems = (body as Json[]).flatMap((command) => commandProblems(command));
    if (problems.length > 0) return invalid(problems.join('; '));
    const stored = (body as Json[]).map((command) => {
      const name = String(command.name);
      let id = this.commandIds.get(name);
      if (!id) {
        id = snowflake();
        this.commandIds.set(name, id);
      }
      return {
        ...command,
        id,
        application_id: APP_ID,
        version: snowflake(),
        type: command.type ?? 1,
        ...(guildId ? { guild_id: guildId } : {}),
      };
    });
    this.registered.set(guildId ?? 'global', stored);
    return { status: 200, body: stored };
  }
}

function notFound(): { status: number; body: unknown } {
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

function invalid(detail: string): { status: number; body: unknown } {
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { detail } } };
}
