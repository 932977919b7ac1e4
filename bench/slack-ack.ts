/**
 * Slack front end (issue 4, item 8): ack latency of 500 signed slash commands
 * at concurrency 50 through RoomOps (the real server and Bolt app over
 * loopback, the real engine over the sandbox emulators, only Slack faked),
 * beside a bare Bolt app that only acks. Goals: RoomOps p99 ≤ 50 ms and p99
 * ratio to bare Bolt ≤ 1.5. Also counts commands fully answered (their
 * response_url received the answer). The mix is what people type most: reads
 * with a vendor call, help, and a bad account.
 *
 * Three processes, as in production (bench/discord-interaction.ts does the
 * same for Discord): this one holds only the app under test; a child holds
 * the load generator and the fake Slack (Web API, response_urls: Slack's
 * side); another child runs the vendor emulators (`roomops sandbox`), which
 * RoomOps reaches through a roomops.yml like any deployment. Both apps get the
 * same pre-signed requests from the same client at the same concurrency;
 * after warm-up rounds, ROUNDS rounds alternate which app goes first, each
 * app's work is finished (every answer received) before the other starts,
 * and the figures are the medians over rounds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createLogger, type Logger } from '../src/core/logger.js';
import { openRuntime, serve } from '../src/app/compose.js';
import { startSandboxRuntime } from '../src/app/sandbox-runtime.js';
import type { Runtime } from '../src/runtime/types.js';
import { compiledSibling, startSandboxChild } from './lib/child-process.js';
import { type BatchPlan, type SlackLoad, startSlackLoad } from './slack-load.js';
import { median, percentile } from './stats.js';

const TOTAL = 500;
const CONCURRENCY = 50;
const WARMUP_ROUNDS = 2;
const ROUNDS = 5;
const ANSWER_TIMEOUT_MS = 60_000;
const BOT_TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
const USER = { id: 'U0BENCH', name: 'bench' };
const MIX = ['info rong lobby', 'list ifly', 'help', 'list agora', 'list no-such-account'];
/** Slack users may read (the sandbox default), so the mix runs, not refused. */
const ACCESS_YAML = `access:
  default: viewer
  roles:
    viewer: [read]
storage:
  url: "sqlite::memory:"
`;

interface Round {
  roomops: { p50: number; p99: number; failures: number };
  bare: { p50: number; p99: number; failures: number };
  answered: number;
  answerP50: number;
  answerP99: number;
  refused: number;
  firstProblem?: string;
}

export async function benchSlackAck(): Promise<Record<string, number | string>> {
  const logger = createLogger('silent', {});
  const loadAtStart = loadavg()[0]!;
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const { load, where: loadWhere } = await startLoad();
    cleanup.push(() => load.stop());
    const { runtime, where: vendorsWhere, stop: stopVendors } = await startRuntime(logger);
    cleanup.push(stopVendors);
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: load.apiUrl,
    };
    // serve() owns the runtime from here: stopping it closes the runtime.
    const server = await serve({
      runtime,
      env,
      logger,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
    }).catch(async (error: unknown) => {
      await runtime.close();
      throw error;
    });
    cleanup.unshift(() => server.stop());
    const bare = await startBareBolt();
    cleanup.unshift(() => bare.stop());

    const sides = { roomops: `${server.url}/slack/events`, bare: bare.url };
    const plan: BatchPlan = { total: TOTAL, mix: MIX, user: USER, channel: 'C0BENCH', secret: SECRET };
    const rounds: Round[] = [];
    for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
      const batch = await load.prepare(plan);
      const order = r % 2 === 0 ? (['bare', 'roomops'] as const) : (['roomops', 'bare'] as const);
      const round: Partial<Round> = {};
      for (const side of order) {
        const fired = await load.fire(batch, sides[side], CONCURRENCY, side === 'roomops');
        round[side] = {
          p50: percentile(fired.latencies, 50),
          p99: percentile(fired.latencies, 99),
          failures: fired.failures,
        };
        if (side === 'roomops') {
          // RoomOps' work after the acks finishes before the other app's turn.
          const answers = await load.answers(batch, ANSWER_TIMEOUT_MS);
          round.answered = answers.answered;
          round.answerP50 = percentile(answers.latencies, 50);
          round.answerP99 = percentile(answers.latencies, 99);
          round.refused = answers.refused;
          if (answers.firstProblem) round.firstProblem = answers.firstProblem;
        }
      }
      await load.drop(batch);
      if (r >= WARMUP_ROUNDS) rounds.push(round as Round);
    }

    const med = (pick: (r: Round) => number) => median(rounds.map(pick));
    const p50 = med((r) => r.roomops.p50);
    const p99 = med((r) => r.roomops.p99);
    const bareP50 = med((r) => r.bare.p50);
    const bareP99 = med((r) => r.bare.p99);
    const list = (pick: (r: Round) => number) => rounds.map((r) => round(pick(r))).join(', ');
    const problem = rounds.find((r) => r.firstProblem)?.firstProblem;
    return {
      commands: TOTAL,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      warmup_rounds: WARMUP_ROUNDS,
      roomops_ack_p50_ms: round(p50),
      roomops_ack_p99_ms: round(p99),
      bare_bolt_ack_p50_ms: round(bareP50),
      bare_bolt_ack_p99_ms: round(bareP99),
      p99_ratio: round(p99 / bareP99),
      p50_ratio: round(p50 / bareP50),
      roomops_answer_p50_ms: round(med((r) => r.answerP50)),
      roomops_answer_p99_ms: round(med((r) => r.answerP99)),
      non_200_acks: rounds.reduce((n, r) => n + r.roomops.failures + r.bare.failures, 0),
      // The worst round: how many of its TOTAL commands got their answer.
      fully_answered: Math.min(...rounds.map((r) => r.answered)),
      refused_posts: rounds.reduce((n, r) => n + r.refused, 0),
      roomops_ack_p99_per_round_ms: list((r) => r.roomops.p99),
      bare_bolt_ack_p99_per_round_ms: list((r) => r.bare.p99),
      answered_per_round: rounds.map((r) => r.answered).join(', '),
      ...(problem ? { first_refusal: problem } : {}),
      goal: 'RoomOps ack p99 ≤ 50 ms and p99 ratio ≤ 1.5',
      met: p99 <= 50 && p99 / bareP99 <= 1.5 ? 'yes' : 'no',
      load_1m_at_start: round(loadAtStart),
      processes: `app under test alone; load generator + fake Slack: ${loadWhere}; vendor emulators: ${vendorsWhere}`,
      mix: MIX.join(' | '),
    };
  } finally {
    for (const step of cleanup) await step().catch(() => {});
  }
}

/** The load generator and fake Slack: a child process when compiled (npm run bench), else in this process. */
export async function startLoad(): Promise<{ load: SlackLoad; where: string }> {
  const href = compiledSibling('./slack-load.js', import.meta.url);
  if (!href) return { load: await startSlackLoad(BOT_TOKEN), where: 'in-process' };
  const code = `const m = await import(${JSON.stringify(href)}); await m.serveSlackLoadOverIpc(${JSON.stringify(BOT_TOKEN)});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rpc = childRpc(child);
  const { apiUrl } = (await rpc.ready) as { apiUrl: string };
  return {
    where: 'child process',
    load: {
      apiUrl,
      prepare: (plan) => rpc.call({ op: 'prepare', plan }) as Promise<number>,
      fire: (batch, url, concurrency, trackAnswers, ratePerSecond) =>
        rpc.call({ op: 'fire', batch, url, concurrency, trackAnswers, ratePerSecond }) as ReturnType<
          SlackLoad['fire']
        >,
      answers: (batch, timeoutMs) =>
        rpc.call({ op: 'answers', batch, timeoutMs }) as ReturnType<SlackLoad['answers']>,
      drop: async (batch) => {
        await rpc.call({ op: 'drop', batch });
      },
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        void rpc.call({ op: 'stop' }).catch(() => {});
        const timer = setTimeout(() => child.kill(), 2_000);
        await exited;
        clearTimeout(timer);
      },
    },
  };
}

/** Calls by id over IPC; id 0 is the child's ready message. */
function childRpc(child: ChildProcess) {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let readyResolve!: (v: unknown) => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<unknown>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    if (m.id === 0) return readyResolve(m.result);
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  const fail = (error: Error) => {
    readyReject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  child.once('error', fail);
  child.once('exit', (status) => fail(new Error(`slack bench load process exited with ${status}`)));
  return {
    ready,
    call: (message: Record<string, unknown>) =>
      new Promise<unknown>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ ...message, id });
      }),
  };
}

/**
 * The runtime under test. Compiled: the emulators in a `roomops sandbox`
 * child process and the runtime from the roomops.yml it prints (plus an
 * `access:` section and an in-memory store). From sources: the in-process
 * sandbox runtime. Also the Discord HTTP bench's runtime.
 */
export async function startRuntime(
  logger: Logger,
): Promise<{ runtime: Runtime; where: string; stop: () => Promise<void> }> {
  const cliHref = compiledSibling('../src/cli/main.js', import.meta.url);
  if (!cliHref) {
    const runtime = await startSandboxRuntime({
      logger,
      access: { default: 'viewer', roles: { viewer: ['read'] } },
    });
    return { runtime, where: 'in-process', stop: async () => {} };
  }
  const sandbox = await startSandboxChild(fileURLToPath(cliHref));
  const dir = mkdtempSync(join(tmpdir(), 'roomops-slack-bench-'));
  const stop = async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const configPath = join(dir, 'roomops.yml');
    writeFileSync(configPath, `${sandbox.yaml}\n${ACCESS_YAML}`);
    const runtime = await openRuntime({ configPath, env: {}, logger });
    return { runtime, where: 'child process (roomops sandbox)', stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The baseline: Bolt's HTTPReceiver with a `/room` listener that only acks (no auth.test, no Web API). */
async function startBareBolt(): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: silentBoltLogger() });
  const app = new App({
    token: BOT_TOKEN,
    botId: 'B_BARE',
    botUserId: 'U_BARE',
    receiver,
    convoStore: false,
    tokenVerificationEnabled: false,
  });
  app.command('/room', async ({ ack }) => {
    await ack();
  });
  const server: Server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function silentBoltLogger() {
  let level = LogLevel.INFO;
  const setLevel = (l: LogLevel) => {
    level = l;
  };
  return { debug() {}, info() {}, warn() {}, error() {}, setLevel, getLevel: () => level, setName() {} };
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSlackAck().then((r) => console.log(JSON.stringify(r, null, 2)));
}
