/**
 * A fake Slack on 127.0.0.1 for the real Bolt app:
 * - Web API `POST /api/<method>`: form-encoded, bearer token checked, HTTP 200
 *   with `{ok:…}` envelopes (PLATFORMS.md "Outbound Web API"): `auth.test`,
 *   `usergroups.list` (with `include_users`), `apps.connections.open`,
 *   `views.publish` (App Home: `type: home`, ≤ 100 blocks, each published
 *   view recorded), `views.open` (modals: the trigger_id checked as Slack
 *   does — format, issued with a click, single use, 3 s — and the view's
 *   limits; each opened modal recorded) and `chat.update` (blocks
 *   validated, recorded).
 * - `response_url`s `POST /response/<id>`: JSON bodies validated like Slack
 *   (validate-message.ts, 400 `invalid_blocks`), at most 5 uses each, every
 *   post recorded, with waiting for N posts.
 * - Socket Mode: `apps.connections.open` hands out `ws://…/socket`; the
 *   server says `hello`, sends envelopes and collects the client's acks.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { validateMessage } from './validate-message.js';

export interface FakeUsergroup {
  id: string;
  handle: string;
  users: string[];
}

export interface ApiCall {
  method: string;
  form: Record<string, string>;
  at: number;
}

export interface ResponsePost {
  /** The response_url's id (the path after /response/). */
  id: string;
  body: Record<string, unknown>;
  at: number;
  /** HTTP status the fake answered (400 when Slack would refuse the message). */
  status: number;
  problems: string[];
}

export interface PublishedView {
  userId: string;
  view: { type: string; blocks: Record<string, unknown>[]; [k: string]: unknown };
  at: number;
}

export interface OpenedModal {
  triggerId: string;
  /** The view as Slack echoes it back (with its `id`). */
  view: {
    id: string;
    type: string;
    callback_id?: string;
    private_metadata?: string;
    title?: { text: string };
    submit?: { text: string };
    close?: { text: string };
    blocks: Record<string, unknown>[];
    [k: string]: unknown;
  };
  at: number;
}

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  usergroups?: FakeUsergroup[];
}

/** Slack lets a response_url be used up to 5 times (PLATFORMS.md "Platform limits"). */
const RESPONSE_URL_USES = 5;
/** `132456.7890123.abcdef` (PLATFORMS.md "Second stage facts" 1, `invalid_trigger_id`). */
const TRIGGER_ID = /^\d+\.\d+\.[0-9a-f]+$/;
/** A modal's title, submit and close: plain_text ≤ 24 characters (docs.slack.dev reference/views/modal-views). */
const MODAL_TEXT_MAX = 24;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly posts: ResponsePost[] = [];
  /** Called with each response_url post before Slack answers it (a test's hook into "just after"). */
  onResponsePost: ((post: ResponsePost) => void) | undefined;
  usergroups: FakeUsergroup[];
  /**
   * When set, `usergroups.list` fails with this error: `ratelimited` as Slack
   * sends it (HTTP 429, `Retry-After`), anything else (`missing_scope` …) as
   * HTTP 200 `ok:false`.
   */
  usergroupsError: string | undefined;
  /** `Retry-After` seconds of a rate-limited `usergroups.list`. */
  usergroupsRetryAfterSec = 1;
  /** When set, `usergroups.list` answers only after this many ms (a slow Slack). */
  usergroupsDelayMs: number | undefined;
  /** When true, `apps.connections.open` fails, so a dropped Socket Mode client cannot reconnect. */
  socketsRefused = false;
  readonly views: PublishedView[] = [];
  readonly modals: OpenedModal[] = [];
  /**
   * How long a trigger_id may open a modal after its click (Slack: 3 s,
   * `expired_trigger_id` after). A test sets 0 for a click Slack sent long ago.
   */
  triggerLifetimeMs = 3_000;
  /** Trigger ids handed out with clicks: when, and whether a modal used it. */
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private modalCount = 0;
  /** When true, a message with a `table` block is refused (400 `invalid_blocks`), as a workspace without tables would. */
  rejectTables = false;
  /** Paths (prefixes, e.g. `/response/`, `/api/auth.test`) whose requests are read, recorded and never answered. */
  readonly stalled = new Set<string>();
  /** How many requests a stall has swallowed. */
  stalledRequests = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private readonly waiters: (() => void)[] = [];
  private base = '';

  constructor(private readonly options: FakeSlackOptions) {
    this.usergroups = options.usergroups ?? [];
  }

  get url(): string {
    return this.base;
  }

  /** Bolt's `slackApiUrl` (includes `/api/`). */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.base}/response/${id}`;
  }

  postsTo(url: string): ResponsePost[] {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return this.posts.filter((p) => p.id === id);
  }

  /** Waits until `count` posts reached `url` (or any response_url when absent). */
  async waitForPosts(count: number, url?: string, timeoutMs = 10_000): Promise<ResponsePost[]> {
    const current = () => (url ? this.postsTo(url) : this.posts);
    const deadline = Date.now() + timeoutMs;
    while (current().length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `expected ${count} post(s) to ${url ?? 'any response_url'}, got ${current().length}: ${JSON.stringify(current().map((p) => p.body.text))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return current();
  }

  /** A trigger_id for a click or command Slack is about to send, valid for `triggerLifetimeMs`. */
  issueTrigger(): string {
    const id = `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false });
    return id;
  }

  /** Waits until a modal was opened with `triggerId`. */
  async waitForModal(triggerId: string, timeoutMs = 5_000): Promise<OpenedModal> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const opened = this.modals.find((m) => m.triggerId === triggerId);
      if (opened) return opened;
      if (Date.now() > deadline) throw new Error(`no modal opened with trigger ${triggerId}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Closes every Socket Mode connection, as Slack does when it cycles its servers. */
  dropSocketClients(): void {
    for (const ws of this.clients) ws.terminate();
  }

  /** Waits until `count` Home views were published for `userId`. */
  async waitForViews(userId: string, count: number, timeoutMs = 10_000): Promise<PublishedView[]> {
    const deadline = Date.now() + timeoutMs;
    const mine = () => this.views.filter((v) => v.userId === userId);
    while (mine().length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} Home view(s) for ${userId}, got ${mine().length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return mine();
  }

  get socketClients(): number {
    return this.clients.size;
  }

  /** Sends a Socket Mode envelope and resolves with the client's ack. */
  async sendEnvelope(
    type: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    timeoutMs = 5000,
  ): Promise<{ envelope_id: string; payload?: unknown }> {
    const client = [...this.clients][0];
    if (!client) throw new Error('no Socket Mode client connected');
    const envelopeId = randomUUID();
    const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack as { envelope_id: string; payload?: unknown });
      });
    });
    client.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'interactive',
      }),
    );
    return acked;
  }

  async waitForSocketClient(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.clients.size === 0) {
      if (Date.now() > deadline) throw new Error('no Socket Mode client connected');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onSocket(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string };
      if (message.envelope_id) this.acks.get(message.envelope_id)?.(message);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack' },
        connection_info: { app_id: 'A1' },
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const url = new URL(req.url ?? '/', this.base || 'http://fake');
    const raw = await readBody(req);
    if ([...this.stalled].some((prefix) => url.pathname.startsWith(prefix))) {
      // A Slack that stopped answering: the socket stays open until the client gives up or stop().
      this.stalledRequests += 1;
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/'))
      return this.api(url.pathname.slice(5), req, raw, res);
    if (req.method === 'POST' && url.pathname.startsWith('/response/'))
      return this.response(url.pathname.slice(10), req, raw, res);
    res.writeHead(404).end();
  }

  private api(method: string, req: IncomingMessage, raw: string, res: ServerResponse): unknown {
    const form = Object.fromEntries(new URLSearchParams(raw));
    this.calls.push({ method, form, at: Date.now() });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? form.token;
    const expected = method === 'apps.connections.open' ? this.options.appToken : this.options.botToken;
    const reply = (body: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!token) return reply({ ok: false, error: 'not_authed' });
    if (token !== expected) return reply({ ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'auth.test':
        return reply({
          ok: true,
          url: 'https://roomops-test.slack.com/',
          team: 'RoomOps Test',
          user: 'roomops',
          team_id: 'T1',
          user_id: 'U_BOT',
          bot_id: 'B_BOT',
        });
      case 'usergroups.list': {
        if (this.usergroupsDelayMs) {
          const delay = this.usergroupsDelayMs;
          return new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() => {
            if (!res.destroyed) reply({ ok: true, usergroups: [] });
          });
        }
        if (this.usergroupsError === 'ratelimited') {
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(this.usergroupsRetryAfterSec),
          });
          return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        if (this.usergroupsError)
          return reply({
            ok: false,
            error: this.usergroupsError,
            needed: 'usergroups:read',
            provided: 'commands',
          });
        const withUsers = form.include_users === 'true' || form.include_users === '1';
        return reply({
          ok: true,
          usergroups: this.usergroups.map((g) => ({
            id: g.id,
            team_id: 'T1',
            handle: g.handle,
            name: g.handle,
            is_usergroup: true,
            ...(withUsers ? { users: g.users, user_count: g.users.length } : {}),
          })),
        });
      }
      case 'views.publish': {
        let view: PublishedView['view'];
        try {
          view = JSON.parse(form.view ?? '') as PublishedView['view'];
        } catch {
          return reply({ ok: false, error: 'invalid_arguments' });
        }
        if (!form.user_id || !/^[UW][A-Z0-9]+$/.test(form.user_id))
          return reply({ ok: false, error: 'invalid_arguments' });
        if (view.type !== 'home') return reply({ ok: false, error: 'invalid_arguments' });
        const problems = validateMessage(view, { maxBlocks: 100, view: true });
        if (problems.length) return reply({ ok: false, error: 'invalid_blocks', errors: problems });
        this.views.push({ userId: form.user_id, view, at: Date.now() });
        for (const wake of this.waiters.splice(0)) wake();
        return reply({ ok: true, view: { ...view, id: 'VHOME1' } });
      }
      case 'views.open':
        return reply(this.openModal(form));
      case 'chat.update': {
        if (!form.channel || !form.ts) return reply({ ok: false, error: 'invalid_arguments' });
        const blocks = form.blocks ? (JSON.parse(form.blocks) as unknown[]) : undefined;
        const problems = validateMessage({ text: form.text, ...(blocks ? { blocks } : {}) });
        if (problems.length) return reply({ ok: false, error: 'invalid_blocks', errors: problems });
        return reply({ ok: true, channel: form.channel, ts: form.ts, text: form.text ?? '' });
      }
      case 'apps.connections.open':
        if (this.socketsRefused) return reply({ ok: false, error: 'internal_error' });
        return reply({ ok: true, url: `${this.base.replace('http', 'ws')}/socket?ticket=${randomUUID()}` });
      default:
        return reply({ ok: false, error: 'unknown_method' });
    }
  }

  /** `views.open` as Slack checks it: the trigger first, then the view (PLATFORMS.md "Second stage facts" 1). */
  private openModal(form: Record<string, string>): Record<string, unknown> {
    const triggerId = form.trigger_id ?? '';
    if (!triggerId || !TRIGGER_ID.test(triggerId)) return { ok: false, error: 'invalid_trigger_id' };
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt >= this.triggerLifetimeMs)
      return { ok: false, error: 'expired_trigger_id' };
    let view: OpenedModal['view'];
    try {
      view = JSON.parse(form.view ?? '') as OpenedModal['view'];
    } catch {
      return { ok: false, error: 'invalid_arguments' };
    }
    const problems = modalProblems(view);
    if (problems.length)
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
    trigger.used = true;
    const opened = { ...view, id: `V${String(++this.modalCount).padStart(8, '0')}` };
    this.modals.push({ triggerId, view: opened, at: Date.now() });
    return {
      ok: true,
      view: {
        ...opened,
        team_id: 'T1',
        state: { values: {} },
        hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
        root_view_id: opened.id,
        previous_view_id: null,
        app_id: 'A1',
        bot_id: 'B_BOT',
      },
    };
  }

  private response(id: string, req: IncomingMessage, raw: string, res: ServerResponse): unknown {
    let body: Record<string, unknown>;
    try {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Error('not json');
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      return;
    }
    const used = this.posts.filter((p) => p.id === id && p.status === 200).length;
    const tables =
      Array.isArray(body.blocks) && body.blocks.some((b) => (b as { type?: string }).type === 'table');
    const problems =
      used >= RESPONSE_URL_USES
        ? ['used_url']
        : this.rejectTables && tables
          ? ['invalid_blocks: table']
          : validateMessage(body);
    const status = problems.length ? (used >= RESPONSE_URL_USES ? 404 : 400) : 200;
    const post: ResponsePost = { id, body, at: Date.now(), status, problems };
    this.posts.push(post);
    this.onResponsePost?.(post);
    for (const wake of this.waiters.splice(0)) wake();
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : problems.join('; '));
  }
}

/** What Slack refuses in a modal view (docs.slack.dev reference/views/modal-views; node-slack-sdk#875). */
export function modalProblems(view: OpenedModal['view']): string[] {
  const problems: string[] = [];
  if (view.type !== 'modal') problems.push('type must be modal');
  const text = (field: 'title' | 'submit' | 'close', required: boolean) => {
    const t = view[field] as { type?: string; text?: unknown } | undefined;
    if (t === undefined) {
      if (required) problems.push(`must define ${field}`);
      return;
    }
    if (t.type !== 'plain_text' || typeof t.text !== 'string' || t.text.length === 0)
      problems.push(`${field} must be non-empty plain_text`);
    else if (t.text.length > MODAL_TEXT_MAX)
      problems.push(`${field}: ${t.text.length} > ${MODAL_TEXT_MAX} characters`);
  };
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  text('title', true);
  text(
    'submit',
    blocks.some((b) => b.type === 'input'),
  );
  text('close', false);
  if (view.callback_id !== undefined && String(view.callback_id).length > 255)
    problems.push('callback_id too long');
  if (view.private_metadata !== undefined && String(view.private_metadata).length > 3000)
    problems.push(`private_metadata: ${String(view.private_metadata).length} > 3000 characters`);
  const ids = blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) problems.push('duplicate block_id');
  problems.push(...validateMessage(view, { maxBlocks: 100, view: true, modal: true }));
  return problems;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
