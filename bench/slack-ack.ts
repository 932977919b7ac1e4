/**
 * Slack front end (issue 4, item 8): ack latency of 500 signed slash commands
 * at concurrency 50 through RoomOps (the real server and Bolt app over
 * loopback, the real engine over the sandbox emulators, only Slack faked),
 * beside a bare Bolt app that only acks, in one run. Goals: RoomOps p99 ≤ 50 ms
 * and p99 ratio to bare Bolt ≤ 1.5. Also counts commands fully answered
 * (their response_url received the answer). The mix is what people type most:
 * reads with a vendor call, help, and a bad account.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createLogger } from '../src/core/logger.js';
import { startSandboxRuntime } from '../src/runtime/sandbox-runtime.js';
import { serve } from '../src/server/index.js';
import { FakeSlack, sign, slashCommandBody } from '../test/fakes/slack/index.js';
import { percentile } from './stats.js';

const TOTAL = 500;
const CONCURRENCY = 50;
const WARMUP = 50;
const BOT_TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
const USER = { id: 'U0BENCH', name: 'bench' };
const MIX = ['info rong lobby', 'list ifly', 'help', 'list agora', 'list no-such-account'];

export async function benchSlackAck(): Promise<Record<string, number | string>> {
  const logger = createLogger('silent', {});
  const fake = new FakeSlack({ botToken: BOT_TOKEN });
  await fake.start();
  const runtime = await startSandboxRuntime({
    logger,
    access: { default: 'viewer', roles: { viewer: ['read'] } },
  });
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl };
  const server = await serve({ runtime, env, logger, port: 0, host: '127.0.0.1', handleSignals: false });
  const bare = await startBareBolt();
  try {
    const roomopsUrl = `${server.url}/slack/events`;
    await fire(bare.url, WARMUP, fake);
    await fire(roomopsUrl, WARMUP, fake);
    await fake.waitForPosts(WARMUP, undefined, 60_000);
    const before = fake.posts.length;
    // Interleaved in one run, so the machine's state is the same for both sides.
    const bareAcks = await fire(bare.url, TOTAL, fake);
    const ours = await fire(roomopsUrl, TOTAL, fake);
    let answered = 0;
    try {
      await fake.waitForPosts(before + TOTAL, undefined, 60_000);
    } finally {
      const urls = new Set(ours.responseUrls.map((u) => u.slice(u.lastIndexOf('/') + 1)));
      answered = fake.posts.filter((p) => urls.has(p.id) && p.status === 200).length;
    }
    const p50 = percentile(ours.latencies, 50);
    const p99 = percentile(ours.latencies, 99);
    const bareP50 = percentile(bareAcks.latencies, 50);
    const bareP99 = percentile(bareAcks.latencies, 99);
    return {
      commands: TOTAL,
      concurrency: CONCURRENCY,
      roomops_ack_p50_ms: round(p50),
      roomops_ack_p99_ms: round(p99),
      bare_bolt_ack_p50_ms: round(bareP50),
      bare_bolt_ack_p99_ms: round(bareP99),
      p99_ratio: round(p99 / bareP99),
      p50_ratio: round(p50 / bareP50),
      non_200_acks: ours.failures + bareAcks.failures,
      fully_answered: answered,
      mix: MIX.join(' | '),
    };
  } finally {
    await bare.stop();
    await server.stop();
    await fake.stop();
  }
}

/** `count` signed commands at CONCURRENCY; latency = time to Bolt's HTTP 200 (the ack). */
async function fire(
  url: string,
  count: number,
  fake: FakeSlack,
): Promise<{ latencies: number[]; responseUrls: string[]; failures: number }> {
  const latencies: number[] = [];
  const responseUrls: string[] = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const responseUrl = fake.responseUrl();
      responseUrls.push(responseUrl);
      const signed = sign(slashCommandBody(MIX[i % MIX.length]!, USER, 'C0BENCH', responseUrl), SECRET);
      const started = performance.now();
      const reply = await fetch(url, { method: 'POST', body: signed.body, headers: signed.headers });
      await reply.arrayBuffer();
      latencies.push(performance.now() - started);
      if (reply.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, responseUrls, failures };
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
