/**
 * A real `roomops` server process (dist/src/cli/main.js, built first) serving
 * Slack in HTTP mode against the fake Slack, with a config whose accounts
 * point at sandbox emulators running in this test process (so tests can
 * inject faults and read their request logs). Helpers send signed slash
 * commands and clicks, read /metrics, /livez and /readyz, and send SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type SandboxEmulators,
  sandboxAccounts,
  startSandboxEmulators,
} from '../../src/sandbox/sandbox-emulators.js';
import { cleanEnv, MAIN, tempDir } from '../cli/helpers.js';
import {
  blockActionsBody,
  blockActionsPayload,
  FakeSlack,
  type SlackUser,
  sign,
  slashCommandBody,
} from '../fakes/slack/index.js';

export const BOT_TOKEN = 'xoxb-served-bot-token';
export const APP_TOKEN = 'xapp-served-app-token';
export const SIGNING_SECRET = 'served-signing-secret-0123456789';
export const CHANNEL = 'C0OPS';
export const ADMIN: SlackUser = { id: 'U0ADMIN', name: 'ada' };
export const ADMIN2: SlackUser = { id: 'U0ADMIN2', name: 'grace' };
export const VIEWER: SlackUser = { id: 'U0VIEW', name: 'vera' };

const ACCESS = {
  default: 'viewer',
  roles: { admin: ['*'], viewer: ['read'] },
  users: { 'slack:U0ADMIN': 'admin', 'slack:U0ADMIN2': 'admin' },
};

export interface ServedOptions {
  /** Extra environment for the process (ROOMOPS_METRICS_TOKEN …). */
  env?: Record<string, string>;
  /** Storage URL; default a SQLite file in the process's directory. */
  storageUrl?: string;
  emulators?: SandboxEmulators;
  fake?: FakeSlack;
  /** Slack over Socket Mode (SLACK_APP_TOKEN) instead of HTTP. */
  socket?: boolean;
}

export interface Sent {
  status: number;
  responseUrl: string;
}

export class ServedRoomops {
  private exited: Promise<number | null>;
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly dir: string,
    readonly fake: FakeSlack,
    readonly emulators: SandboxEmulators,
    private readonly owns: { fake: boolean; emulators: boolean },
    stderr: string,
    exited: Promise<number | null>,
  ) {
    this.stderr = stderr;
    this.exited = exited;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  static async start(options: ServedOptions = {}): Promise<ServedRoomops> {
    const fake = options.fake ?? new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    if (!options.fake) await fake.start();
    const emulators = options.emulators ?? (await startSandboxEmulators());
    const dir = tempDir('roomops-served-');
    const config = join(dir, 'roomops.yml');
    // JSON is YAML: the accounts exactly as the sandbox defines them.
    writeFileSync(
      config,
      JSON.stringify({
        accounts: sandboxAccounts(emulators.urls),
        access: ACCESS,
        storage: { url: options.storageUrl ?? `sqlite://${join(dir, 'roomops.db')}` },
      }),
    );
    const child = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: cleanEnv({
        ROOMOPS_CONFIG: config,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        SLACK_APP_TOKEN: options.socket ? APP_TOKEN : undefined,
        DISCORD_TOKEN: undefined,
        ROOMOPS_METRICS_TOKEN: undefined,
        ROOMOPS_SHUTDOWN_TIMEOUT_S: undefined,
        PORT: '0',
        ROOMOPS_LOG_LEVEL: 'info',
        ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const { port, stderr } = await waitForPort(child, exited);
    return new ServedRoomops(
      child,
      `http://127.0.0.1:${port}`,
      dir,
      fake,
      emulators,
      { fake: !options.fake, emulators: !options.emulators },
      stderr,
      exited,
    );
  }

  async command(text: string, user: SlackUser = ADMIN): Promise<Sent> {
    const responseUrl = this.fake.responseUrl();
    const signed = sign(slashCommandBody(text, user, CHANNEL, responseUrl), SIGNING_SECRET);
    const res = await fetch(`${this.url}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    await res.text();
    return { status: res.status, responseUrl };
  }

  /** Sends a command and waits for its first answer on the response_url. */
  async ask(text: string, user: SlackUser = ADMIN): Promise<Record<string, unknown>> {
    const sent = await this.command(text, user);
    const [post] = await this.fake.waitForPosts(1, sent.responseUrl);
    return post!.body;
  }

  async click(actionId: string, value: string, user: SlackUser = ADMIN2): Promise<Record<string, unknown>> {
    const responseUrl = this.fake.responseUrl();
    const payload = blockActionsPayload({ actionId, value }, user, CHANNEL, responseUrl);
    const signed = sign(blockActionsBody(payload), SIGNING_SECRET);
    const res = await fetch(`${this.url}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    await res.text();
    const [post] = await this.fake.waitForPosts(1, responseUrl);
    return post!.body;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.url}${path}`, { headers });
    return { status: res.status, text: await res.text() };
  }

  /** SIGTERM, then the exit code (null if killed by a signal). */
  async terminate(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  get exit(): Promise<number | null> {
    return this.exited;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    if (this.owns.fake) await this.fake.stop();
    if (this.owns.emulators) await this.emulators.stop();
  }
}

/** The confirm button's pending id in a prompt. */
export function pendingIdOf(body: Record<string, unknown>): string {
  const match = /"action_id":"room_confirm"[^}]*"value":"([^"]+)"/.exec(JSON.stringify(body));
  if (!match) throw new Error(`no confirm button in ${JSON.stringify(body).slice(0, 400)}`);
  return match[1]!;
}

/** Everything a person would read in a message. */
export function shown(body: Record<string, unknown>): string {
  return JSON.stringify(body);
}

/** Reads the "RoomOps is serving" log line for the bound port. */
function waitForPort(
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<{ port: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`roomops did not start:\n${stderr}`)), 20_000);
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      for (const line of stderr.split('\n')) {
        if (!line.includes('RoomOps is serving')) continue;
        const port = (JSON.parse(line) as { port?: number }).port;
        if (!port) continue;
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve({ port, stderr });
        return;
      }
    };
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`roomops exited with ${code} before serving:\n${stderr}`));
    });
  });
}
