/**
 * One RoomOps server (the real `serve`, Bolt over loopback, the real engine
 * over the sandbox emulators) wired to a fake Slack, plus helpers that send
 * signed slash commands and button clicks exactly as Slack does.
 */
import { createLogger } from '../../../src/core/logger.js';
import {
  type SandboxRuntime,
  type SandboxRuntimeOptions,
  startSandboxRuntime,
} from '../../../src/app/sandbox-runtime.js';
import { type RunningServer, serve } from '../../../src/app/compose.js';
import {
  appHomeOpenedBody,
  blockActionsBody,
  homeBlockActionsPayload,
  type PublishedView,
  blockActionsPayload,
  FakeSlack,
  type FakeUsergroup,
  type OpenedModal,
  type ResponsePost,
  type SlackUser,
  sign,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../fakes/slack/index.js';

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export const ADMIN: SlackUser = { id: 'U0ADMIN', name: 'ada' };
export const ADMIN2: SlackUser = { id: 'U0ADMIN2', name: 'grace' };
export const OPERATOR: SlackUser = { id: 'U0OPER', name: 'oscar' };
export const VIEWER: SlackUser = { id: 'U0VIEW', name: 'vera' };
export const GROUPIE: SlackUser = { id: 'U0GROUP', name: 'gus' };
export const CHANNEL = 'C0OPS';

export const ACCESS = {
  default: 'viewer',
  roles: { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] },
  users: {
    'slack:U0ADMIN': 'admin',
    'slack:U0ADMIN2': 'admin',
    'slack:U0OPER': 'operator',
    'slack:group:S0OPS': 'admin',
  },
};

export const USERGROUPS: FakeUsergroup[] = [
  { id: 'S0OPS', handle: 'ops', users: ['U0GROUP'] },
  { id: 'S0OTHER', handle: 'other', users: ['U0VIEW'] },
];

export interface HarnessOptions extends SandboxRuntimeOptions {
  socket?: boolean;
  runtime?: SandboxRuntime;
  fake?: FakeSlack;
  expiryIntervalMs?: number;
  /** Extra environment for serve (e.g. ROOMOPS_OUTBOUND_TIMEOUT_MS). */
  env?: NodeJS.ProcessEnv;
}

export interface Sent {
  status: number;
  ackMs: number;
  responseUrl: string;
  body: string;
  /** A click's trigger_id, issued by the fake Slack so views.open can check it (empty for a command). */
  triggerId: string;
}

/** A modal submission's answer: the HTTP status and the ack's body (empty, or `response_action` JSON). */
export interface Submitted {
  status: number;
  ackMs: number;
  body: string;
}

export class SlackHarness {
  private constructor(
    readonly fake: FakeSlack,
    readonly runtime: SandboxRuntime,
    readonly server: RunningServer,
    private readonly ownsFake: boolean,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<SlackHarness> {
    const ownsFake = !options.fake;
    const fake =
      options.fake ?? new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
    if (ownsFake) await fake.start();
    const logger = options.logger ?? createLogger('silent', {});
    const runtime = options.runtime ?? (await startSandboxRuntime({ access: ACCESS, logger, ...options }));
    const env: NodeJS.ProcessEnv = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...(options.socket ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
      ...options.env,
    };
    const server = await serve({
      runtime,
      env,
      logger,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      expiryIntervalMs: options.expiryIntervalMs ?? 250,
    });
    return new SlackHarness(fake, runtime, server, ownsFake);
  }

  get eventsUrl(): string {
    return `${this.server.url}/slack/events`;
  }

  async post(
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; ackMs: number; text: string }> {
    const started = performance.now();
    const reply = await fetch(this.eventsUrl, { method: 'POST', body, headers });
    const text = await reply.text();
    return { status: reply.status, ackMs: performance.now() - started, text };
  }

  /** A signed `/room <text>` from `user`; resolves at the ack. */
  async command(
    text: string,
    user: SlackUser = ADMIN,
    options: { timestampSec?: number; secret?: string } = {},
  ): Promise<Sent> {
    const responseUrl = this.fake.responseUrl();
    const body = slashCommandBody(text, user, CHANNEL, responseUrl);
    const signed = sign(body, options.secret ?? SIGNING_SECRET, options.timestampSec);
    const r = await this.post(signed.body, signed.headers);
    return { status: r.status, ackMs: r.ackMs, responseUrl, body: r.text, triggerId: '' };
  }

  /** A command and its first answer on the response_url. */
  async ask(text: string, user: SlackUser = ADMIN): Promise<ResponsePost & { sent: Sent }> {
    const sent = await this.command(text, user);
    if (sent.status !== 200) throw new Error(`command was not acknowledged: ${sent.status}`);
    const [post] = await this.fake.waitForPosts(1, sent.responseUrl);
    return { ...post!, sent };
  }

  /** A signed button click; resolves at the ack. */
  async click(
    actionId: string,
    value: string,
    user: SlackUser = ADMIN,
    options: { ephemeral?: boolean } = {},
  ): Promise<Sent> {
    const responseUrl = this.fake.responseUrl();
    const triggerId = this.fake.issueTrigger();
    const body = blockActionsBody(
      blockActionsPayload({ actionId, value }, user, CHANNEL, responseUrl, { ...options, triggerId }),
    );
    const signed = sign(body, SIGNING_SECRET);
    const r = await this.post(signed.body, signed.headers);
    return { status: r.status, ackMs: r.ackMs, responseUrl, body: r.text, triggerId };
  }

  /** Submits a modal the fake Slack opened, with `typed` in its account-name input; resolves at the ack. */
  async submit(modal: OpenedModal, typed: string | null, user: SlackUser = ADMIN): Promise<Submitted> {
    const payload = viewSubmissionPayload(modal.view, { confirm_account: { typed } }, user);
    const signed = sign(blockActionsBody(payload), SIGNING_SECRET);
    const r = await this.post(signed.body, signed.headers);
    return { status: r.status, ackMs: r.ackMs, body: r.text };
  }

  /** Type to confirm: a confirm click, the modal it opens, and `typed` submitted in it. */
  async pressTyped(
    pendingId: string,
    typed: string,
    user: SlackUser = ADMIN,
  ): Promise<{ click: Sent; modal: OpenedModal; submitted: Submitted }> {
    const click = await this.click('room_confirm', pendingId, user);
    if (click.status !== 200) throw new Error(`click was not acknowledged: ${click.status}`);
    const modal = await this.fake.waitForModal(click.triggerId);
    return { click, modal, submitted: await this.submit(modal, typed, user) };
  }

  /** A click and the answer it got. */
  async press(
    actionId: string,
    value: string,
    user: SlackUser = ADMIN,
    options: { ephemeral?: boolean } = {},
  ): Promise<ResponsePost & { sent: Sent }> {
    const sent = await this.click(actionId, value, user, options);
    if (sent.status !== 200) throw new Error(`click was not acknowledged: ${sent.status}`);
    const [post] = await this.fake.waitForPosts(1, sent.responseUrl);
    return { ...post!, sent };
  }

  /** `n` new rooms `<prefix>-0…` on the Agora emulator (account `agora`); their ids. */
  agoraRooms(prefix: string, n: number): string[] {
    return Array.from(
      { length: n },
      (_, i) =>
        this.runtime.emulators.agora.state.createRoom({
          name: `${prefix}-${i}`,
          description: 'Slack test room',
          owner: 'alice',
          members: [],
          maxusers: 100,
          custom: '',
        }).id,
    );
  }

  /** `user` opens RoomOps' Home tab; resolves with the view published for them. */
  async openHome(user: SlackUser): Promise<PublishedView> {
    const before = this.fake.views.filter((v) => v.userId === user.id).length;
    const signed = sign(appHomeOpenedBody(user.id), SIGNING_SECRET, undefined, 'application/json');
    const r = await this.post(signed.body, signed.headers);
    if (r.status !== 200) throw new Error(`event was not acknowledged: ${r.status}`);
    return (await this.fake.waitForViews(user.id, before + 1)).at(-1)!;
  }

  /** A click on a button in `user`'s Home tab; resolves with the Home published after it. */
  async clickHome(actionId: string, value: string, user: SlackUser): Promise<PublishedView> {
    const before = this.fake.views.filter((v) => v.userId === user.id).length;
    const sent = await this.sendHomeClick(actionId, value, user);
    if (sent.status !== 200) throw new Error(`click was not acknowledged: ${sent.status}`);
    return (await this.fake.waitForViews(user.id, before + 1)).at(-1)!;
  }

  /** A click on a button in `user`'s Home tab; resolves at the ack. */
  async sendHomeClick(
    actionId: string,
    value: string,
    user: SlackUser,
  ): Promise<{ status: number; triggerId: string }> {
    const triggerId = this.fake.issueTrigger();
    const body = blockActionsBody(homeBlockActionsPayload({ actionId, value }, user, { triggerId }));
    const signed = sign(body, SIGNING_SECRET);
    const r = await this.post(signed.body, signed.headers);
    return { status: r.status, triggerId };
  }

  /** Stops the server; the runtime too unless `keepRuntime`. */
  async close(options: { keepRuntime?: boolean } = {}): Promise<void> {
    if (options.keepRuntime) {
      const close = this.runtime.close;
      this.runtime.close = async () => {};
      await this.server.stop();
      this.runtime.close = close;
    } else await this.server.stop();
    if (this.ownsFake) await this.fake.stop();
  }
}

/** All text a message shows (blocks and fallback), for assertions. */
export function shown(post: { body: Record<string, unknown> }): string {
  return JSON.stringify(post.body);
}

/** The pending id on a confirmation prompt's `room_confirm` button. */
export function pendingIdOf(post: { body: Record<string, unknown> }): string {
  const blocks = post.body.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  for (const b of blocks)
    for (const e of b.elements ?? []) if (e.action_id === 'room_confirm' && e.value) return e.value;
  throw new Error(`no room_confirm button in ${shown(post)}`);
}
